CREATE TABLE `refresh_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`token_hash` char(64) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `refresh_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `refresh_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`phone` varchar(11) NOT NULL,
	`password_hash` varchar(200) NOT NULL,
	`name` varchar(30),
	`id_enc` varchar(120),
	`id_hash` char(64),
	`region_code` char(6),
	`wx_openid` varchar(64),
	`last_login_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_phone_uq` UNIQUE(`phone`),
	CONSTRAINT `users_wx_openid_uq` UNIQUE(`wx_openid`)
);
--> statement-breakpoint
CREATE TABLE `audit_logs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`actor_user_id` bigint unsigned,
	`org_id` bigint unsigned,
	`action` varchar(48) NOT NULL,
	`target_type` varchar(24) NOT NULL,
	`target_id` varchar(32),
	`before` json,
	`after` json,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `audit_logs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `admin_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`code` varchar(8) NOT NULL,
	`issued_by` bigint unsigned NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`used_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `admin_codes_id` PRIMARY KEY(`id`),
	CONSTRAINT `admin_codes_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `password_reset_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`code_hash` char(64) NOT NULL,
	`issued_by` bigint unsigned NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `password_reset_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `qr_scenes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`scene` varchar(32) NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`kind` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `qr_scenes_id` PRIMARY KEY(`id`),
	CONSTRAINT `qr_scenes_scene_uq` UNIQUE(`scene`),
	CONSTRAINT `qr_scenes_org_kind_uq` UNIQUE(`org_id`,`kind`)
);
--> statement-breakpoint
CREATE TABLE `sms_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`phone` varchar(11) NOT NULL,
	`purpose` varchar(16) NOT NULL,
	`code_hash` char(64) NOT NULL,
	`attempts` tinyint NOT NULL DEFAULT 0,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `sms_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `orgs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`parent_id` bigint unsigned,
	`path` varchar(255) NOT NULL,
	`depth` smallint NOT NULL,
	`type` varchar(24) NOT NULL,
	`short_name` varchar(100) NOT NULL,
	`full_name` varchar(100) NOT NULL,
	`alias` varchar(64),
	`industry` varchar(32) NOT NULL,
	`branch_category` varchar(32),
	`secretary_name` varchar(30),
	`secretary_id_enc` varchar(120),
	`secretary_id_hash` char(64),
	`secretary_phone` varchar(11),
	`contact_phone` varchar(20),
	`email` varchar(100),
	`admin_staff_quota` int,
	`admin_staff_actual` int,
	`institution_staff_quota` int,
	`institution_staff_actual` int,
	`youth_count` int,
	`party_recommended_count` int,
	`sort_order` int NOT NULL DEFAULT 0,
	`fields_complete` boolean NOT NULL DEFAULT false,
	`region_code` char(6),
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `orgs_id` PRIMARY KEY(`id`),
	CONSTRAINT `orgs_parent_alias_uq` UNIQUE(`parent_id`,`alias`),
	CONSTRAINT `orgs_parent_short_name_uq` UNIQUE(`parent_id`,`short_name`)
);
--> statement-breakpoint
CREATE TABLE `admin_change_requests` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`roster_entry_id` bigint unsigned NOT NULL,
	`make_admin` boolean NOT NULL,
	`requested_by` bigint unsigned NOT NULL,
	`status` varchar(16) NOT NULL DEFAULT 'pending',
	`decided_by` bigint unsigned,
	`decided_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `admin_change_requests_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `roster_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`org_id` bigint unsigned NOT NULL,
	`name` varchar(30) NOT NULL,
	`id_enc` varchar(120) NOT NULL,
	`id_hash` char(64) NOT NULL,
	`phone` varchar(11) NOT NULL,
	`position` varchar(32) NOT NULL,
	`cadre_nature` varchar(16),
	`is_operator` boolean NOT NULL DEFAULT false,
	`is_admin` boolean NOT NULL DEFAULT false,
	`user_id` bigint unsigned,
	`onboarded_at` datetime(3),
	`last_invited_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `roster_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `roster_org_id_hash_uq` UNIQUE(`org_id`,`id_hash`)
);
--> statement-breakpoint
CREATE TABLE `branch_stats` (
	`path` varchar(255) NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`st_draft` int NOT NULL DEFAULT 0,
	`st_withdrawn` int NOT NULL DEFAULT 0,
	`st_submitted` int NOT NULL DEFAULT 0,
	`st_returned` int NOT NULL DEFAULT 0,
	`st_approved` int NOT NULL DEFAULT 0,
	`st_edit_submitted` int NOT NULL DEFAULT 0,
	`st_edit_returned` int NOT NULL DEFAULT 0,
	`g_male` int NOT NULL DEFAULT 0,
	`g_female` int NOT NULL DEFAULT 0,
	`by_earlier` int NOT NULL DEFAULT 0,
	`by_1980` int NOT NULL DEFAULT 0,
	`by_1981` int NOT NULL DEFAULT 0,
	`by_1982` int NOT NULL DEFAULT 0,
	`by_1983` int NOT NULL DEFAULT 0,
	`by_1984` int NOT NULL DEFAULT 0,
	`by_1985` int NOT NULL DEFAULT 0,
	`by_1986` int NOT NULL DEFAULT 0,
	`by_1987` int NOT NULL DEFAULT 0,
	`by_1988` int NOT NULL DEFAULT 0,
	`by_1989` int NOT NULL DEFAULT 0,
	`by_1990` int NOT NULL DEFAULT 0,
	`by_1991` int NOT NULL DEFAULT 0,
	`by_1992` int NOT NULL DEFAULT 0,
	`by_1993` int NOT NULL DEFAULT 0,
	`by_1994` int NOT NULL DEFAULT 0,
	`by_1995` int NOT NULL DEFAULT 0,
	`by_1996` int NOT NULL DEFAULT 0,
	`by_1997` int NOT NULL DEFAULT 0,
	`by_1998` int NOT NULL DEFAULT 0,
	`by_1999` int NOT NULL DEFAULT 0,
	`by_2000` int NOT NULL DEFAULT 0,
	`by_2001` int NOT NULL DEFAULT 0,
	`by_2002` int NOT NULL DEFAULT 0,
	`by_2003` int NOT NULL DEFAULT 0,
	`by_2004` int NOT NULL DEFAULT 0,
	`by_2005` int NOT NULL DEFAULT 0,
	`by_2006` int NOT NULL DEFAULT 0,
	`by_2007` int NOT NULL DEFAULT 0,
	`by_2008` int NOT NULL DEFAULT 0,
	`by_2009` int NOT NULL DEFAULT 0,
	`by_2010` int NOT NULL DEFAULT 0,
	`by_2011` int NOT NULL DEFAULT 0,
	`by_2012` int NOT NULL DEFAULT 0,
	`by_2013` int NOT NULL DEFAULT 0,
	`by_2014` int NOT NULL DEFAULT 0,
	`by_2015` int NOT NULL DEFAULT 0,
	`by_later` int NOT NULL DEFAULT 0,
	`eth_01` int NOT NULL DEFAULT 0,
	`eth_02` int NOT NULL DEFAULT 0,
	`eth_03` int NOT NULL DEFAULT 0,
	`eth_04` int NOT NULL DEFAULT 0,
	`eth_05` int NOT NULL DEFAULT 0,
	`eth_06` int NOT NULL DEFAULT 0,
	`eth_07` int NOT NULL DEFAULT 0,
	`eth_08` int NOT NULL DEFAULT 0,
	`eth_09` int NOT NULL DEFAULT 0,
	`eth_10` int NOT NULL DEFAULT 0,
	`eth_11` int NOT NULL DEFAULT 0,
	`eth_12` int NOT NULL DEFAULT 0,
	`eth_13` int NOT NULL DEFAULT 0,
	`eth_14` int NOT NULL DEFAULT 0,
	`eth_15` int NOT NULL DEFAULT 0,
	`eth_16` int NOT NULL DEFAULT 0,
	`eth_17` int NOT NULL DEFAULT 0,
	`eth_18` int NOT NULL DEFAULT 0,
	`eth_19` int NOT NULL DEFAULT 0,
	`eth_20` int NOT NULL DEFAULT 0,
	`eth_21` int NOT NULL DEFAULT 0,
	`eth_22` int NOT NULL DEFAULT 0,
	`eth_23` int NOT NULL DEFAULT 0,
	`eth_24` int NOT NULL DEFAULT 0,
	`eth_25` int NOT NULL DEFAULT 0,
	`eth_26` int NOT NULL DEFAULT 0,
	`eth_27` int NOT NULL DEFAULT 0,
	`eth_28` int NOT NULL DEFAULT 0,
	`eth_29` int NOT NULL DEFAULT 0,
	`eth_30` int NOT NULL DEFAULT 0,
	`eth_31` int NOT NULL DEFAULT 0,
	`eth_32` int NOT NULL DEFAULT 0,
	`eth_33` int NOT NULL DEFAULT 0,
	`eth_34` int NOT NULL DEFAULT 0,
	`eth_35` int NOT NULL DEFAULT 0,
	`eth_36` int NOT NULL DEFAULT 0,
	`eth_37` int NOT NULL DEFAULT 0,
	`eth_38` int NOT NULL DEFAULT 0,
	`eth_39` int NOT NULL DEFAULT 0,
	`eth_40` int NOT NULL DEFAULT 0,
	`eth_41` int NOT NULL DEFAULT 0,
	`eth_42` int NOT NULL DEFAULT 0,
	`eth_43` int NOT NULL DEFAULT 0,
	`eth_44` int NOT NULL DEFAULT 0,
	`eth_45` int NOT NULL DEFAULT 0,
	`eth_46` int NOT NULL DEFAULT 0,
	`eth_47` int NOT NULL DEFAULT 0,
	`eth_48` int NOT NULL DEFAULT 0,
	`eth_49` int NOT NULL DEFAULT 0,
	`eth_50` int NOT NULL DEFAULT 0,
	`eth_51` int NOT NULL DEFAULT 0,
	`eth_52` int NOT NULL DEFAULT 0,
	`eth_53` int NOT NULL DEFAULT 0,
	`eth_54` int NOT NULL DEFAULT 0,
	`eth_55` int NOT NULL DEFAULT 0,
	`eth_56` int NOT NULL DEFAULT 0,
	`eth_97` int NOT NULL DEFAULT 0,
	`eth_98` int NOT NULL DEFAULT 0,
	`edu_primary` int NOT NULL DEFAULT 0,
	`edu_junior_high` int NOT NULL DEFAULT 0,
	`edu_junior_high_studying` int NOT NULL DEFAULT 0,
	`edu_senior_high` int NOT NULL DEFAULT 0,
	`edu_senior_high_studying` int NOT NULL DEFAULT 0,
	`edu_vocational` int NOT NULL DEFAULT 0,
	`edu_vocational_studying` int NOT NULL DEFAULT 0,
	`edu_junior_college` int NOT NULL DEFAULT 0,
	`edu_junior_college_studying` int NOT NULL DEFAULT 0,
	`edu_bachelor` int NOT NULL DEFAULT 0,
	`edu_bachelor_studying` int NOT NULL DEFAULT 0,
	`edu_master` int NOT NULL DEFAULT 0,
	`edu_master_studying` int NOT NULL DEFAULT 0,
	`edu_doctor` int NOT NULL DEFAULT 0,
	`edu_doctor_studying` int NOT NULL DEFAULT 0,
	CONSTRAINT `branch_stats_path` PRIMARY KEY(`path`),
	CONSTRAINT `branch_stats_branch_uq` UNIQUE(`branch_id`)
);
--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`status` varchar(16),
	`saved_steps` tinyint NOT NULL DEFAULT 0,
	`draft` json NOT NULL,
	`approved_data` json,
	`id_enc` varchar(120) NOT NULL,
	`id_hash` char(64) NOT NULL,
	`approved_id_hash` char(64),
	`development_number` varchar(12),
	`approved_dev_number` varchar(12),
	`real_name_status` varchar(16),
	`real_name_generation` int NOT NULL DEFAULT 0,
	`real_name_rechecked` boolean NOT NULL DEFAULT false,
	`real_name_key` char(64),
	`return_reason` varchar(400),
	`offline_note` varchar(400),
	`offline_photo_id` bigint unsigned,
	`submitted_at` datetime(3),
	`reviewed_at` datetime(3),
	`reviewed_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `checkins_id` PRIMARY KEY(`id`),
	CONSTRAINT `checkins_user_uq` UNIQUE(`user_id`),
	CONSTRAINT `checkins_approved_id_hash_uq` UNIQUE(`approved_id_hash`),
	CONSTRAINT `checkins_approved_dev_number_uq` UNIQUE(`approved_dev_number`)
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` varchar(48) NOT NULL,
	`payload` json NOT NULL,
	`run_at` datetime(3) NOT NULL,
	`status` varchar(16) NOT NULL DEFAULT 'pending',
	`attempts` int NOT NULL DEFAULT 0,
	`max_attempts` int NOT NULL DEFAULT 5,
	`locked_by` varchar(80),
	`locked_until` datetime(3),
	`last_error` varchar(500),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `jobs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`owner_user_id` bigint unsigned NOT NULL,
	`org_id` bigint unsigned,
	`mime` varchar(32) NOT NULL,
	`size` int NOT NULL,
	`storage_key` varchar(128) NOT NULL,
	`sha256` char(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `uploads_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `membership_history` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`checkin_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`org_id` bigint unsigned,
	`event` varchar(8) NOT NULL,
	`transfer_id` bigint unsigned NOT NULL,
	`at` datetime(3) NOT NULL,
	CONSTRAINT `membership_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `transfer_appeals` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`transfer_id` bigint unsigned NOT NULL,
	`member_user_id` bigint unsigned NOT NULL,
	`reason` varchar(400) NOT NULL,
	`attachment_ids` json NOT NULL,
	`deciding_org_id` bigint unsigned NOT NULL,
	`resume_at` varchar(16) NOT NULL,
	`status` varchar(12) NOT NULL,
	`decided_by` bigint unsigned,
	`decided_at` datetime(3),
	`decision_comment` varchar(400),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `transfer_appeals_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `transfer_steps` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`transfer_id` bigint unsigned NOT NULL,
	`kind` varchar(8) NOT NULL,
	`org_id` bigint unsigned,
	`outcome` varchar(12) NOT NULL,
	`since` datetime(3) NOT NULL,
	`deadline` datetime(3),
	`handled_at` datetime(3),
	`handled_by` bigint unsigned,
	`acting_org_id` bigint unsigned,
	`comment` varchar(400),
	CONSTRAINT `transfer_steps_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` varchar(16) NOT NULL,
	`direction` varchar(16) NOT NULL,
	`status` varchar(16) NOT NULL,
	`member_user_id` bigint unsigned NOT NULL,
	`checkin_id` bigint unsigned NOT NULL,
	`member_name` varchar(30) NOT NULL,
	`open_user_id` bigint unsigned,
	`from_branch_id` bigint unsigned NOT NULL,
	`to_org_id` bigint unsigned,
	`to_branch_id` bigint unsigned,
	`destination_region` varchar(24),
	`destination_system` varchar(16) NOT NULL,
	`destination_org_ref` varchar(64),
	`destination_org_name` varchar(100),
	`external_id` varchar(80),
	`reason` varchar(24) NOT NULL,
	`remarks` varchar(400),
	`contact` varchar(200),
	`superior_contact` varchar(200),
	`attachment_ids` json NOT NULL,
	`return_reason` varchar(400),
	`returned_step` varchar(8),
	`returned_by_org_id` bigint unsigned,
	`step_org_id` bigint unsigned,
	`step_since` datetime(3),
	`step_deadline` datetime(3),
	`step_generation` int NOT NULL DEFAULT 0,
	`initiated_by` bigint unsigned NOT NULL,
	`initiator_org_id` bigint unsigned,
	`closed_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `transfers_id` PRIMARY KEY(`id`),
	CONSTRAINT `transfers_open_user_uq` UNIQUE(`open_user_id`)
);
--> statement-breakpoint
CREATE INDEX `refresh_tokens_user_idx` ON `refresh_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `users_id_hash_idx` ON `users` (`id_hash`);--> statement-breakpoint
CREATE INDEX `audit_org_time_idx` ON `audit_logs` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `admin_codes_org_idx` ON `admin_codes` (`org_id`);--> statement-breakpoint
CREATE INDEX `password_reset_codes_user_idx` ON `password_reset_codes` (`user_id`);--> statement-breakpoint
CREATE INDEX `sms_codes_phone_idx` ON `sms_codes` (`phone`,`created_at`);--> statement-breakpoint
CREATE INDEX `orgs_path_idx` ON `orgs` (`path`);--> statement-breakpoint
CREATE INDEX `orgs_path_progress_idx` ON `orgs` (`path`,`type`,`parent_id`,`fields_complete`,`secretary_phone`);--> statement-breakpoint
CREATE INDEX `orgs_parent_sort_idx` ON `orgs` (`parent_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `orgs_short_name_idx` ON `orgs` (`short_name`);--> statement-breakpoint
CREATE INDEX `admin_change_org_status_idx` ON `admin_change_requests` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `roster_id_hash_idx` ON `roster_entries` (`id_hash`);--> statement-breakpoint
CREATE INDEX `roster_phone_idx` ON `roster_entries` (`phone`);--> statement-breakpoint
CREATE INDEX `roster_user_idx` ON `roster_entries` (`user_id`);--> statement-breakpoint
CREATE INDEX `checkins_id_hash_idx` ON `checkins` (`id_hash`);--> statement-breakpoint
CREATE INDEX `checkins_dev_number_idx` ON `checkins` (`development_number`);--> statement-breakpoint
CREATE INDEX `checkins_branch_status_idx` ON `checkins` (`branch_id`,`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `jobs_status_run_at_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE INDEX `jobs_locked_by_idx` ON `jobs` (`locked_by`);--> statement-breakpoint
CREATE INDEX `uploads_owner_idx` ON `uploads` (`owner_user_id`);--> statement-breakpoint
CREATE INDEX `membership_history_org_idx` ON `membership_history` (`org_id`,`at`);--> statement-breakpoint
CREATE INDEX `membership_history_user_idx` ON `membership_history` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `transfer_appeals_org_idx` ON `transfer_appeals` (`deciding_org_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfer_appeals_transfer_idx` ON `transfer_appeals` (`transfer_id`);--> statement-breakpoint
CREATE INDEX `transfer_steps_transfer_idx` ON `transfer_steps` (`transfer_id`,`id`);--> statement-breakpoint
CREATE INDEX `transfers_step_org_idx` ON `transfers` (`step_org_id`,`status`,`step_since`);--> statement-breakpoint
CREATE INDEX `transfers_member_idx` ON `transfers` (`member_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `transfers_from_idx` ON `transfers` (`from_branch_id`);--> statement-breakpoint
CREATE INDEX `transfers_to_org_idx` ON `transfers` (`to_org_id`);--> statement-breakpoint
CREATE INDEX `transfers_to_branch_idx` ON `transfers` (`to_branch_id`);--> statement-breakpoint
CREATE INDEX `transfers_external_idx` ON `transfers` (`external_id`);