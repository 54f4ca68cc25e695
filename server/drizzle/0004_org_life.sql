CREATE TABLE `org_life_attendees` (
	`record_id` bigint unsigned NOT NULL,
	`checkin_id` bigint unsigned NOT NULL,
	`name` varchar(30) NOT NULL,
	CONSTRAINT `org_life_attendees_record_id_checkin_id_pk` PRIMARY KEY(`record_id`,`checkin_id`)
);
--> statement-breakpoint
CREATE TABLE `org_life_photos` (
	`record_id` bigint unsigned NOT NULL,
	`upload_id` bigint unsigned NOT NULL,
	`position` smallint NOT NULL,
	CONSTRAINT `org_life_photos_record_id_upload_id_pk` PRIMARY KEY(`record_id`,`upload_id`),
	CONSTRAINT `org_life_photo_upload_uq` UNIQUE(`upload_id`)
);
--> statement-breakpoint
CREATE TABLE `org_life_records` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`branch_path` varchar(255) NOT NULL,
	`request_id` varchar(64) NOT NULL,
	`kind` varchar(24) NOT NULL,
	`held_on` char(10) NOT NULL,
	`topic` varchar(240) NOT NULL,
	`place` varchar(240) NOT NULL,
	`note` varchar(4000),
	`attendee_count` int NOT NULL,
	`member_count` int NOT NULL,
	`counted` boolean NOT NULL,
	`rate_met` boolean NOT NULL,
	`created_by` bigint unsigned,
	`updated_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `org_life_records_id` PRIMARY KEY(`id`),
	CONSTRAINT `org_life_request_uq` UNIQUE(`branch_id`,`request_id`)
);
--> statement-breakpoint
ALTER TABLE `org_life_attendees` ADD CONSTRAINT `org_life_attendees_record_id_org_life_records_id_fk` FOREIGN KEY (`record_id`) REFERENCES `org_life_records`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_photos` ADD CONSTRAINT `org_life_photos_record_id_org_life_records_id_fk` FOREIGN KEY (`record_id`) REFERENCES `org_life_records`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_photos` ADD CONSTRAINT `org_life_photos_upload_id_uploads_id_fk` FOREIGN KEY (`upload_id`) REFERENCES `uploads`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_records` ADD CONSTRAINT `org_life_records_branch_id_orgs_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_records` ADD CONSTRAINT `org_life_records_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_records` ADD CONSTRAINT `org_life_records_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `org_life_attendee_checkin_idx` ON `org_life_attendees` (`checkin_id`);--> statement-breakpoint
CREATE INDEX `org_life_branch_idx` ON `org_life_records` (`branch_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `org_life_path_idx` ON `org_life_records` (`branch_path`,`held_on`,`kind`,`counted`,`rate_met`);