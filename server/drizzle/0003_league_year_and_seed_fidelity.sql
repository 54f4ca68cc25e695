CREATE TABLE `identity_corrections` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`checkin_id` bigint unsigned NOT NULL,
	`name` varchar(30) NOT NULL,
	`gender` varchar(8) NOT NULL,
	`id_enc` varchar(120) NOT NULL,
	`id_hash` char(64) NOT NULL,
	`note` varchar(400),
	`photo_id` bigint unsigned NOT NULL,
	`status` varchar(16) NOT NULL DEFAULT 'pending',
	`open_key` bigint unsigned,
	`requested_by` bigint unsigned NOT NULL,
	`decided_by` bigint unsigned,
	`decided_at` datetime(3),
	`decision_reason` varchar(400),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `identity_corrections_id` PRIMARY KEY(`id`),
	CONSTRAINT `identity_corrections_open_uq` UNIQUE(`open_key`)
);
--> statement-breakpoint
CREATE TABLE `membership_requests` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`checkin_id` bigint unsigned NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`kind` varchar(24) NOT NULL,
	`reason` varchar(400) NOT NULL,
	`status` varchar(16) NOT NULL DEFAULT 'pending',
	`open_key` bigint unsigned,
	`requested_by` bigint unsigned NOT NULL,
	`decided_by` bigint unsigned,
	`decided_at` datetime(3),
	`decision_reason` varchar(400),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `membership_requests_id` PRIMARY KEY(`id`),
	CONSTRAINT `membership_requests_open_uq` UNIQUE(`open_key`)
);
--> statement-breakpoint
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
CREATE TABLE `two_systems_campaigns` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` varchar(16) NOT NULL,
	`year` int NOT NULL,
	`root_org_id` bigint unsigned NOT NULL,
	`starts_on` char(10) NOT NULL,
	`ends_on` char(10) NOT NULL,
	`opened_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `two_systems_campaigns_id` PRIMARY KEY(`id`),
	CONSTRAINT `two_systems_campaign_uq` UNIQUE(`kind`,`year`,`root_org_id`)
);
--> statement-breakpoint
CREATE TABLE `two_systems_records` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`campaign_id` bigint unsigned NOT NULL,
	`submission_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`checkin_id` bigint unsigned NOT NULL,
	`member_name` varchar(30) NOT NULL,
	`outcome` varchar(16) NOT NULL,
	`reason` varchar(400),
	`decided_by` bigint unsigned,
	`decided_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `two_systems_records_id` PRIMARY KEY(`id`),
	CONSTRAINT `two_systems_record_uq` UNIQUE(`campaign_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `two_systems_submissions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`campaign_id` bigint unsigned NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`state` varchar(16) NOT NULL,
	`submitted_at` datetime(3),
	`submitted_by` bigint unsigned,
	`reviewed_at` datetime(3),
	`reviewed_by` bigint unsigned,
	`return_reason` varchar(400),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `two_systems_submissions_id` PRIMARY KEY(`id`),
	CONSTRAINT `two_systems_submission_uq` UNIQUE(`campaign_id`,`branch_id`)
);
--> statement-breakpoint
CREATE TABLE `member_archives` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`checkin_id` bigint unsigned NOT NULL,
	`status` varchar(16) NOT NULL,
	`file_id` bigint unsigned NOT NULL,
	`uploaded_by` bigint unsigned NOT NULL,
	`uploaded_by_org_id` bigint unsigned NOT NULL,
	`uploaded_at` datetime(3) NOT NULL,
	`approver_org_id` bigint unsigned,
	`reject_reason` varchar(400),
	`change_file_id` bigint unsigned,
	`change_reason` varchar(400),
	`change_uploaded_by` bigint unsigned,
	`change_uploaded_by_org_id` bigint unsigned,
	`change_uploaded_at` datetime(3),
	`decided_by` bigint unsigned,
	`decided_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `member_archives_id` PRIMARY KEY(`id`),
	CONSTRAINT `member_archives_checkin_uq` UNIQUE(`checkin_id`)
);
--> statement-breakpoint
ALTER TABLE `orgs` MODIFY COLUMN `full_name` varchar(100);--> statement-breakpoint
ALTER TABLE `orgs` MODIFY COLUMN `industry` varchar(32);--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_month` char(7);--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_reason` varchar(32);--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_marked_at` datetime(3);--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_marked_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_marked_org_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_converted_at` datetime(3);--> statement-breakpoint
ALTER TABLE `orgs` ADD `transfer_role` varchar(16);--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `st_transferred_out` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `membership_status` varchar(24) DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `membership_changed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `checkins` ADD `graduate` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `delayed_graduation_month` char(7);--> statement-breakpoint
ALTER TABLE `checkins` ADD `delayed_graduation_reason` varchar(400);--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `st_transferred_out` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `dedupe_key` varchar(80);--> statement-breakpoint
ALTER TABLE `uploads` ADD `watermarked` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD CONSTRAINT `jobs_dedupe_key_uq` UNIQUE(`dedupe_key`);--> statement-breakpoint
ALTER TABLE `identity_corrections` ADD CONSTRAINT `identity_corrections_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `membership_requests` ADD CONSTRAINT `membership_requests_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_campaigns` ADD CONSTRAINT `two_systems_campaigns_root_org_id_orgs_id_fk` FOREIGN KEY (`root_org_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_campaigns` ADD CONSTRAINT `two_systems_campaigns_opened_by_users_id_fk` FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_records` ADD CONSTRAINT `two_systems_records_campaign_id_two_systems_campaigns_id_fk` FOREIGN KEY (`campaign_id`) REFERENCES `two_systems_campaigns`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_records` ADD CONSTRAINT `two_systems_records_submission_id_two_systems_submissions_id_fk` FOREIGN KEY (`submission_id`) REFERENCES `two_systems_submissions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_records` ADD CONSTRAINT `two_systems_records_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_submissions` ADD CONSTRAINT `two_systems_submissions_campaign_id_two_systems_campaigns_id_fk` FOREIGN KEY (`campaign_id`) REFERENCES `two_systems_campaigns`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_submissions` ADD CONSTRAINT `two_systems_submissions_branch_id_orgs_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `member_archives` ADD CONSTRAINT `member_archives_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `identity_corrections_status_idx` ON `identity_corrections` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `identity_corrections_checkin_idx` ON `identity_corrections` (`checkin_id`);--> statement-breakpoint
CREATE INDEX `membership_requests_branch_idx` ON `membership_requests` (`branch_id`,`status`);--> statement-breakpoint
CREATE INDEX `inbound_transfers_id_hash_idx` ON `inbound_transfers` (`id_hash`,`status`);--> statement-breakpoint
CREATE INDEX `two_systems_campaign_root_idx` ON `two_systems_campaigns` (`root_org_id`);--> statement-breakpoint
CREATE INDEX `two_systems_record_submission_idx` ON `two_systems_records` (`submission_id`);--> statement-breakpoint
CREATE INDEX `two_systems_record_user_idx` ON `two_systems_records` (`user_id`);--> statement-breakpoint
CREATE INDEX `two_systems_submission_branch_idx` ON `two_systems_submissions` (`branch_id`,`state`);--> statement-breakpoint
CREATE INDEX `member_archives_approver_idx` ON `member_archives` (`approver_org_id`);--> statement-breakpoint
CREATE INDEX `orgs_graduation_idx` ON `orgs` (`graduation_converted_at`,`graduation_month`);--> statement-breakpoint
CREATE INDEX `checkins_membership_idx` ON `checkins` (`membership_status`);