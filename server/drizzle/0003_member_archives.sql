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
ALTER TABLE `member_archives` ADD CONSTRAINT `member_archives_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `member_archives_approver_idx` ON `member_archives` (`approver_org_id`);