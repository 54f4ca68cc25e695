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
CREATE TABLE `messages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` varchar(48) NOT NULL,
	`title` varchar(255) NOT NULL,
	`body` varchar(2000) NOT NULL,
	`org_id` bigint unsigned,
	`route` varchar(128),
	`params` json NOT NULL,
	`read_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `messages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `notice_attachments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`notice_id` bigint unsigned NOT NULL,
	`upload_id` bigint unsigned NOT NULL,
	`name` varchar(255) NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `notice_attachments_id` PRIMARY KEY(`id`),
	CONSTRAINT `notice_attachments_upload_uq` UNIQUE(`upload_id`)
);
--> statement-breakpoint
CREATE TABLE `notice_reads` (
	`notice_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`org_path` varchar(255) NOT NULL,
	`read_at` datetime(3) NOT NULL,
	CONSTRAINT `notice_reads_user_id_notice_id_pk` PRIMARY KEY(`user_id`,`notice_id`)
);
--> statement-breakpoint
CREATE TABLE `notice_targets` (
	`notice_id` bigint unsigned NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`audience` varchar(16) NOT NULL,
	CONSTRAINT `notice_targets_notice_id_org_id_pk` PRIMARY KEY(`notice_id`,`org_id`)
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`title` varchar(255) NOT NULL,
	`body` text NOT NULL,
	`audience` varchar(16) NOT NULL,
	`published_by` bigint unsigned NOT NULL,
	`published_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `notices_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stats_reconcile_runs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`ran_at` datetime(3) NOT NULL,
	`branches_checked` int NOT NULL,
	`branches_drifted` int NOT NULL,
	`drift` json NOT NULL,
	CONSTRAINT `stats_reconcile_runs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
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
CREATE TABLE `chat_conversations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` varchar(8) NOT NULL,
	`user_lo` bigint unsigned,
	`user_hi` bigint unsigned,
	`org_id` bigint unsigned,
	`last_seq` int NOT NULL DEFAULT 0,
	`last_message_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `chat_conversations_id` PRIMARY KEY(`id`),
	CONSTRAINT `chat_conv_direct_uq` UNIQUE(`user_lo`,`user_hi`),
	CONSTRAINT `chat_conv_org_uq` UNIQUE(`org_id`)
);
--> statement-breakpoint
CREATE TABLE `chat_messages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`conversation_id` bigint unsigned NOT NULL,
	`seq` int NOT NULL,
	`sender_id` bigint unsigned NOT NULL,
	`client_msg_id` varchar(64) NOT NULL,
	`kind` varchar(8) NOT NULL,
	`body` text,
	`upload_id` bigint unsigned,
	`recalled_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `chat_messages_id` PRIMARY KEY(`id`),
	CONSTRAINT `chat_msg_seq_uq` UNIQUE(`conversation_id`,`seq`),
	CONSTRAINT `chat_msg_client_uq` UNIQUE(`conversation_id`,`sender_id`,`client_msg_id`)
);
--> statement-breakpoint
CREATE TABLE `chat_reads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`conversation_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`read_seq` int NOT NULL DEFAULT 0,
	CONSTRAINT `chat_reads_id` PRIMARY KEY(`id`),
	CONSTRAINT `chat_reads_uq` UNIQUE(`conversation_id`,`user_id`)
);
--> statement-breakpoint
ALTER TABLE `checkins` DROP FOREIGN KEY `checkins_branch_id_orgs_id_fk`;
--> statement-breakpoint
ALTER TABLE `two_systems_submissions` DROP FOREIGN KEY `two_systems_submissions_branch_id_orgs_id_fk`;
--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_00` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_01` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_02` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_03` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_04` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_05` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_06` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_07` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_08` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_09` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_10` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_11` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_12` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_13` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_14` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_15` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_16` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_17` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_18` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_19` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_20` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_21` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_22` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_23` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_24` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_25` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_26` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_27` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_28` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_29` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_30` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_31` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_32` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_33` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_34` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_35` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_36` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_37` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_38` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_39` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_40` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_41` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_42` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_43` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_44` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_45` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_46` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_47` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_48` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_49` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_50` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_51` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_52` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_53` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_54` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_55` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_56` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_57` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_58` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_59` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_60` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_61` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_62` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `branch_stats` ADD `by_63` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `entered_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `checkins` ADD `entered_at` datetime(3);--> statement-breakpoint
ALTER TABLE `checkins` ADD `claimed_at` datetime(3);--> statement-breakpoint
ALTER TABLE `checkins` ADD `approved_joined_at` char(7) GENERATED ALWAYS AS (json_unquote(json_extract(approved_data, '$.joinedAt'))) VIRTUAL;--> statement-breakpoint
ALTER TABLE `checkins` ADD `approved_birth_date` char(10) GENERATED ALWAYS AS (json_unquote(json_extract(approved_data, '$.birthDate'))) VIRTUAL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_00` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_01` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_02` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_03` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_04` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_05` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_06` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_07` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_08` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_09` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_10` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_11` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_12` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_13` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_14` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_15` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_16` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_17` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_18` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_19` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_20` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_21` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_22` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_23` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_24` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_25` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_26` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_27` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_28` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_29` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_30` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_31` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_32` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_33` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_34` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_35` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_36` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_37` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_38` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_39` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_40` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_41` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_42` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_43` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_44` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_45` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_46` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_47` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_48` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_49` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_50` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_51` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_52` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_53` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_54` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_55` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_56` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_57` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_58` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_59` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_60` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_61` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_62` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `unit_stats` ADD `by_63` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_org_id_orgs_id_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_self_rated_by_users_id_fk` FOREIGN KEY (`self_rated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_reviewed_by_users_id_fk` FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_ratings` ADD CONSTRAINT `org_ratings_reviewer_org_id_orgs_id_fk` FOREIGN KEY (`reviewer_org_id`) REFERENCES `orgs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_attendees` ADD CONSTRAINT `org_life_attendees_record_id_org_life_records_id_fk` FOREIGN KEY (`record_id`) REFERENCES `org_life_records`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_photos` ADD CONSTRAINT `org_life_photos_record_id_org_life_records_id_fk` FOREIGN KEY (`record_id`) REFERENCES `org_life_records`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_photos` ADD CONSTRAINT `org_life_photos_upload_id_uploads_id_fk` FOREIGN KEY (`upload_id`) REFERENCES `uploads`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_records` ADD CONSTRAINT `org_life_records_branch_id_orgs_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `orgs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_records` ADD CONSTRAINT `org_life_records_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `org_life_records` ADD CONSTRAINT `org_life_records_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `member_claims` ADD CONSTRAINT `member_claims_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `org_ratings_year_idx` ON `org_ratings` (`year`,`org_id`);--> statement-breakpoint
CREATE INDEX `org_life_attendee_checkin_idx` ON `org_life_attendees` (`checkin_id`);--> statement-breakpoint
CREATE INDEX `org_life_branch_idx` ON `org_life_records` (`branch_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `org_life_path_idx` ON `org_life_records` (`branch_path`,`held_on`,`kind`,`counted`,`rate_met`);--> statement-breakpoint
CREATE INDEX `messages_user_idx` ON `messages` (`user_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `messages_user_unread_idx` ON `messages` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notice_attachments_notice_idx` ON `notice_attachments` (`notice_id`);--> statement-breakpoint
CREATE INDEX `notice_reads_path_idx` ON `notice_reads` (`notice_id`,`org_path`);--> statement-breakpoint
CREATE INDEX `notice_targets_org_idx` ON `notice_targets` (`org_id`,`audience`,`notice_id`);--> statement-breakpoint
CREATE INDEX `notices_org_idx` ON `notices` (`org_id`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `stats_reconcile_runs_ran_at_idx` ON `stats_reconcile_runs` (`ran_at`);--> statement-breakpoint
CREATE INDEX `member_claims_user_idx` ON `member_claims` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `chat_conv_hi_idx` ON `chat_conversations` (`user_hi`);--> statement-breakpoint
CREATE INDEX `chat_msg_upload_idx` ON `chat_messages` (`upload_id`);--> statement-breakpoint
CREATE INDEX `chat_reads_user_idx` ON `chat_reads` (`user_id`);--> statement-breakpoint
CREATE INDEX `checkins_joined_at_idx` ON `checkins` (`approved_joined_at`);--> statement-breakpoint
CREATE INDEX `checkins_age_out_idx` ON `checkins` (`membership_status`,`approved_birth_date`);--> statement-breakpoint
CREATE INDEX `checkins_entered_idx` ON `checkins` (`entered_at`);--> statement-breakpoint
UPDATE `branch_stats` SET `by_60` = `by_1980`, `by_61` = `by_1981`, `by_62` = `by_1982`, `by_63` = `by_1983`, `by_00` = `by_1984`, `by_01` = `by_1985`, `by_02` = `by_1986`, `by_03` = `by_1987`, `by_04` = `by_1988`, `by_05` = `by_1989`, `by_06` = `by_1990`, `by_07` = `by_1991`, `by_08` = `by_1992`, `by_09` = `by_1993`, `by_10` = `by_1994`, `by_11` = `by_1995`, `by_12` = `by_1996`, `by_13` = `by_1997`, `by_14` = `by_1998`, `by_15` = `by_1999`, `by_16` = `by_2000`, `by_17` = `by_2001`, `by_18` = `by_2002`, `by_19` = `by_2003`, `by_20` = `by_2004`, `by_21` = `by_2005`, `by_22` = `by_2006`, `by_23` = `by_2007`, `by_24` = `by_2008`, `by_25` = `by_2009`, `by_26` = `by_2010`, `by_27` = `by_2011`, `by_28` = `by_2012`, `by_29` = `by_2013`, `by_30` = `by_2014`, `by_31` = `by_2015`;--> statement-breakpoint
UPDATE `unit_stats` SET `by_60` = `by_1980`, `by_61` = `by_1981`, `by_62` = `by_1982`, `by_63` = `by_1983`, `by_00` = `by_1984`, `by_01` = `by_1985`, `by_02` = `by_1986`, `by_03` = `by_1987`, `by_04` = `by_1988`, `by_05` = `by_1989`, `by_06` = `by_1990`, `by_07` = `by_1991`, `by_08` = `by_1992`, `by_09` = `by_1993`, `by_10` = `by_1994`, `by_11` = `by_1995`, `by_12` = `by_1996`, `by_13` = `by_1997`, `by_14` = `by_1998`, `by_15` = `by_1999`, `by_16` = `by_2000`, `by_17` = `by_2001`, `by_18` = `by_2002`, `by_19` = `by_2003`, `by_20` = `by_2004`, `by_21` = `by_2005`, `by_22` = `by_2006`, `by_23` = `by_2007`, `by_24` = `by_2008`, `by_25` = `by_2009`, `by_26` = `by_2010`, `by_27` = `by_2011`, `by_28` = `by_2012`, `by_29` = `by_2013`, `by_30` = `by_2014`, `by_31` = `by_2015`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_earlier`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1980`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1981`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1982`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1983`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1984`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1985`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1986`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1987`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1988`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1989`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1990`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1991`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1992`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1993`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1994`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1995`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1996`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1997`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1998`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_1999`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2000`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2001`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2002`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2003`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2004`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2005`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2006`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2007`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2008`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2009`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2010`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2011`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2012`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2013`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2014`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_2015`;--> statement-breakpoint
ALTER TABLE `branch_stats` DROP COLUMN `by_later`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_earlier`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1980`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1981`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1982`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1983`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1984`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1985`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1986`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1987`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1988`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1989`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1990`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1991`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1992`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1993`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1994`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1995`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1996`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1997`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1998`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_1999`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2000`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2001`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2002`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2003`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2004`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2005`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2006`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2007`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2008`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2009`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2010`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2011`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2012`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2013`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2014`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_2015`;--> statement-breakpoint
ALTER TABLE `unit_stats` DROP COLUMN `by_later`;