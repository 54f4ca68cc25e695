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
ALTER TABLE `identity_corrections` ADD CONSTRAINT `identity_corrections_checkin_id_checkins_id_fk` FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX `identity_corrections_status_idx` ON `identity_corrections` (`status`,`id`);
--> statement-breakpoint
CREATE INDEX `identity_corrections_checkin_idx` ON `identity_corrections` (`checkin_id`);
