CREATE TABLE `org_ratings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`year` smallint NOT NULL,
	`self_level` varchar(16) NOT NULL,
	`self_rated_at` datetime(3) NOT NULL,
	`self_rated_by` bigint unsigned,
	`changes_used` int NOT NULL DEFAULT 0,
	`review_level` varchar(16),
	`reviewed_at` datetime(3),
	`reviewed_by` bigint unsigned,
	`reviewer_org_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `org_ratings_id` PRIMARY KEY(`id`),
	CONSTRAINT `org_ratings_org_year_uq` UNIQUE(`org_id`,`year`)
);
--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_org_id_orgs_id_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_self_rated_by_users_id_fk` FOREIGN KEY (`self_rated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_reviewed_by_users_id_fk` FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_reviewer_org_id_orgs_id_fk` FOREIGN KEY (`reviewer_org_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `org_ratings_year_idx` ON `org_ratings` (`year`,`org_id`);