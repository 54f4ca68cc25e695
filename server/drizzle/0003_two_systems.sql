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
ALTER TABLE `two_systems_campaigns` ADD CONSTRAINT `two_systems_campaigns_root_org_id_orgs_id_fk` FOREIGN KEY (`root_org_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_campaigns` ADD CONSTRAINT `two_systems_campaigns_opened_by_users_id_fk` FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_records` ADD CONSTRAINT `two_systems_records_campaign_id_two_systems_campaigns_id_fk` FOREIGN KEY (`campaign_id`) REFERENCES `two_systems_campaigns`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_records` ADD CONSTRAINT `two_systems_records_submission_id_two_systems_submissions_id_fk` FOREIGN KEY (`submission_id`) REFERENCES `two_systems_submissions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_records` ADD CONSTRAINT `two_systems_records_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_submissions` ADD CONSTRAINT `two_systems_submissions_campaign_id_two_systems_campaigns_id_fk` FOREIGN KEY (`campaign_id`) REFERENCES `two_systems_campaigns`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `two_systems_submissions` ADD CONSTRAINT `two_systems_submissions_branch_id_orgs_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `two_systems_campaign_root_idx` ON `two_systems_campaigns` (`root_org_id`);--> statement-breakpoint
CREATE INDEX `two_systems_record_submission_idx` ON `two_systems_records` (`submission_id`);--> statement-breakpoint
CREATE INDEX `two_systems_record_user_idx` ON `two_systems_records` (`user_id`);--> statement-breakpoint
CREATE INDEX `two_systems_submission_branch_idx` ON `two_systems_submissions` (`branch_id`,`state`);