ALTER TABLE `admin_codes` DROP INDEX `admin_codes_code_uq`;--> statement-breakpoint
ALTER TABLE `users` MODIFY COLUMN `phone` varchar(80) NOT NULL;--> statement-breakpoint
ALTER TABLE `sms_codes` MODIFY COLUMN `phone` varchar(80) NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` MODIFY COLUMN `secretary_phone` varchar(80);--> statement-breakpoint
ALTER TABLE `orgs` MODIFY COLUMN `contact_phone` varchar(96);--> statement-breakpoint
ALTER TABLE `roster_entries` MODIFY COLUMN `phone` varchar(80) NOT NULL;--> statement-breakpoint
ALTER TABLE `refresh_tokens` ADD `family` char(22);--> statement-breakpoint
ALTER TABLE `users` ADD `id_verified_at` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `password_changed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `admin_codes` ADD `code_hash` char(64);--> statement-breakpoint
ALTER TABLE `admin_codes` ADD `code_enc` varchar(120);--> statement-breakpoint
ALTER TABLE `roster_entries` ADD `declined_at` datetime(3);--> statement-breakpoint
ALTER TABLE `admin_codes` ADD CONSTRAINT `admin_codes_code_hash_uq` UNIQUE(`code_hash`);--> statement-breakpoint
ALTER TABLE `refresh_tokens` ADD CONSTRAINT `refresh_tokens_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `admin_codes` ADD CONSTRAINT `admin_codes_org_id_orgs_id_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `password_reset_codes` ADD CONSTRAINT `password_reset_codes_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `qr_scenes` ADD CONSTRAINT `qr_scenes_org_id_orgs_id_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orgs` ADD CONSTRAINT `orgs_parent_fk` FOREIGN KEY (`parent_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `roster_entries` ADD CONSTRAINT `roster_entries_org_id_orgs_id_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `roster_entries` ADD CONSTRAINT `roster_entries_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD CONSTRAINT `branch_stats_branch_id_orgs_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `checkins` ADD CONSTRAINT `checkins_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `checkins` ADD CONSTRAINT `checkins_branch_id_orgs_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `membership_history` ADD CONSTRAINT `membership_history_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `transfer_appeals` ADD CONSTRAINT `transfer_appeals_transfer_id_transfers_id_fk` FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `transfer_steps` ADD CONSTRAINT `transfer_steps_transfer_id_transfers_id_fk` FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `transfers` ADD CONSTRAINT `transfers_member_user_id_users_id_fk` FOREIGN KEY (`member_user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `transfers` ADD CONSTRAINT `transfers_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `admin_codes` DROP COLUMN `code`;--> statement-breakpoint
-- issue 12: an account's identity is only what was verified; before id_verified_at existed, admin registration stored the typed ID unverified.
UPDATE `users` SET `id_enc` = NULL, `id_hash` = NULL WHERE `id_verified_at` IS NULL;