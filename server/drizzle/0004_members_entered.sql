CREATE TABLE `member_claims` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`name` varchar(30) NOT NULL,
	`id_enc` varchar(120) NOT NULL,
	`id_hash` char(64) NOT NULL,
	`status` varchar(16) NOT NULL,
	`attempts` int NOT NULL DEFAULT 0,
	`declined_checkin_id` bigint unsigned,
	`decided_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `member_claims_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `checkins` DROP FOREIGN KEY `checkins_branch_id_orgs_id_fk`;
--> statement-breakpoint
ALTER TABLE `two_systems_submissions` DROP FOREIGN KEY `two_systems_submissions_branch_id_orgs_id_fk`;
--> statement-breakpoint
ALTER TABLE `checkins` ADD `entered_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `checkins` ADD `entered_at` datetime(3);--> statement-breakpoint
ALTER TABLE `checkins` ADD `claimed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `checkins` ADD `approved_joined_at` char(7) GENERATED ALWAYS AS (json_unquote(json_extract(approved_data, '$.joinedAt'))) VIRTUAL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `approved_birth_date` char(10) GENERATED ALWAYS AS (json_unquote(json_extract(approved_data, '$.birthDate'))) VIRTUAL;--> statement-breakpoint
ALTER TABLE `member_claims` ADD CONSTRAINT `member_claims_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `member_claims_user_idx` ON `member_claims` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `checkins_joined_at_idx` ON `checkins` (`approved_joined_at`);--> statement-breakpoint
CREATE INDEX `checkins_age_out_idx` ON `checkins` (`membership_status`,`approved_birth_date`);--> statement-breakpoint
CREATE INDEX `checkins_entered_idx` ON `checkins` (`entered_at`);