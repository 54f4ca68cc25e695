ALTER TABLE `orgs` MODIFY COLUMN `full_name` varchar(100);--> statement-breakpoint
ALTER TABLE `orgs` MODIFY COLUMN `industry` varchar(32);