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
ALTER TABLE `orgs` ADD `graduation_month` char(7);--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_reason` varchar(32);--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_marked_at` datetime(3);--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_marked_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_marked_org_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `orgs` ADD `graduation_converted_at` datetime(3);--> statement-breakpoint
ALTER TABLE `checkins` ADD `membership_status` varchar(24) DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `membership_changed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `checkins` ADD `graduate` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `delayed_graduation_month` char(7);--> statement-breakpoint
ALTER TABLE `checkins` ADD `delayed_graduation_reason` varchar(400);--> statement-breakpoint
ALTER TABLE `jobs` ADD `dedupe_key` varchar(80);--> statement-breakpoint
ALTER TABLE `jobs` ADD CONSTRAINT `jobs_dedupe_key_uq` UNIQUE(`dedupe_key`);--> statement-breakpoint
ALTER TABLE `identity_corrections` ADD CONSTRAINT `identity_corrections_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `membership_requests` ADD CONSTRAINT `membership_requests_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `identity_corrections_status_idx` ON `identity_corrections` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `identity_corrections_checkin_idx` ON `identity_corrections` (`checkin_id`);--> statement-breakpoint
CREATE INDEX `membership_requests_branch_idx` ON `membership_requests` (`branch_id`,`status`);--> statement-breakpoint
CREATE INDEX `orgs_graduation_idx` ON `orgs` (`graduation_converted_at`,`graduation_month`);--> statement-breakpoint
CREATE INDEX `checkins_membership_idx` ON `checkins` (`membership_status`);