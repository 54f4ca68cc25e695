ALTER TABLE `users` MODIFY COLUMN `phone` varchar(80) NOT NULL;--> statement-breakpoint
ALTER TABLE `sms_codes` MODIFY COLUMN `phone` varchar(80) NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` MODIFY COLUMN `secretary_phone` varchar(80);--> statement-breakpoint
ALTER TABLE `orgs` MODIFY COLUMN `contact_phone` varchar(96);--> statement-breakpoint
ALTER TABLE `roster_entries` MODIFY COLUMN `phone` varchar(80) NOT NULL;