CREATE TABLE `inbound_transfers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`source_system` varchar(16) NOT NULL,
	`external_transfer_id` varchar(80) NOT NULL,
	`body_hash` varchar(64) NOT NULL,
	`member_name` varchar(30) NOT NULL,
	`id_enc` varchar(120) NOT NULL,
	`id_hash` varchar(64) NOT NULL,
	`to_branch_id` bigint unsigned NOT NULL,
	`from_org_name` varchar(100),
	`reason` varchar(24) NOT NULL,
	`status` varchar(16) NOT NULL,
	`checkin_id` bigint unsigned,
	`checked_in_at` datetime(3),
	`reported_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `inbound_transfers_id` PRIMARY KEY(`id`),
	CONSTRAINT `inbound_transfers_ext_uq` UNIQUE(`source_system`,`external_transfer_id`)
);
--> statement-breakpoint
ALTER TABLE `orgs` ADD `transfer_role` varchar(16);--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `st_transferred_out` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `st_transferred_out` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `uploads` ADD `watermarked` boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `inbound_transfers_id_hash_idx` ON `inbound_transfers` (`id_hash`,`status`);