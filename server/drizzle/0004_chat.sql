CREATE TABLE `chat_conversations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` varchar(8) NOT NULL,
	`user_lo` bigint unsigned,
	`user_hi` bigint unsigned,
	`org_id` bigint unsigned,
	`last_seq` int NOT NULL DEFAULT 0,
	`last_message_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `chat_conversations_id` PRIMARY KEY(`id`),
	CONSTRAINT `chat_conv_direct_uq` UNIQUE(`user_lo`,`user_hi`),
	CONSTRAINT `chat_conv_org_uq` UNIQUE(`org_id`)
);
--> statement-breakpoint
CREATE TABLE `chat_messages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`conversation_id` bigint unsigned NOT NULL,
	`seq` int NOT NULL,
	`sender_id` bigint unsigned NOT NULL,
	`client_msg_id` varchar(64) NOT NULL,
	`kind` varchar(8) NOT NULL,
	`body` text,
	`upload_id` bigint unsigned,
	`recalled_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `chat_messages_id` PRIMARY KEY(`id`),
	CONSTRAINT `chat_msg_seq_uq` UNIQUE(`conversation_id`,`seq`),
	CONSTRAINT `chat_msg_client_uq` UNIQUE(`conversation_id`,`sender_id`,`client_msg_id`)
);
--> statement-breakpoint
CREATE TABLE `chat_reads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`conversation_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`read_seq` int NOT NULL DEFAULT 0,
	CONSTRAINT `chat_reads_id` PRIMARY KEY(`id`),
	CONSTRAINT `chat_reads_uq` UNIQUE(`conversation_id`,`user_id`)
);
--> statement-breakpoint
CREATE INDEX `chat_conv_hi_idx` ON `chat_conversations` (`user_hi`);--> statement-breakpoint
CREATE INDEX `chat_msg_upload_idx` ON `chat_messages` (`upload_id`);--> statement-breakpoint
CREATE INDEX `chat_reads_user_idx` ON `chat_reads` (`user_id`);