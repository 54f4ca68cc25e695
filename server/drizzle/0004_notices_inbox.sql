CREATE TABLE `messages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` varchar(48) NOT NULL,
	`title` varchar(255) NOT NULL,
	`body` varchar(2000) NOT NULL,
	`org_id` bigint unsigned,
	`route` varchar(128),
	`params` json NOT NULL,
	`read_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `messages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `notice_attachments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`notice_id` bigint unsigned NOT NULL,
	`upload_id` bigint unsigned NOT NULL,
	`name` varchar(255) NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `notice_attachments_id` PRIMARY KEY(`id`),
	CONSTRAINT `notice_attachments_upload_uq` UNIQUE(`upload_id`)
);
--> statement-breakpoint
CREATE TABLE `notice_reads` (
	`notice_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`org_path` varchar(255) NOT NULL,
	`read_at` datetime(3) NOT NULL,
	CONSTRAINT `notice_reads_user_id_notice_id_pk` PRIMARY KEY(`user_id`,`notice_id`)
);
--> statement-breakpoint
CREATE TABLE `notice_targets` (
	`notice_id` bigint unsigned NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`audience` varchar(16) NOT NULL,
	CONSTRAINT `notice_targets_notice_id_org_id_pk` PRIMARY KEY(`notice_id`,`org_id`)
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`title` varchar(255) NOT NULL,
	`body` text NOT NULL,
	`audience` varchar(16) NOT NULL,
	`published_by` bigint unsigned NOT NULL,
	`published_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `notices_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `messages_user_idx` ON `messages` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_user_unread_idx` ON `messages` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notice_attachments_notice_idx` ON `notice_attachments` (`notice_id`);--> statement-breakpoint
CREATE INDEX `notice_reads_path_idx` ON `notice_reads` (`notice_id`,`org_path`);--> statement-breakpoint
CREATE INDEX `notice_targets_org_idx` ON `notice_targets` (`org_id`,`audience`,`notice_id`);--> statement-breakpoint
CREATE INDEX `notices_org_idx` ON `notices` (`org_id`,`id`);