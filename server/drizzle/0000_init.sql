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
CREATE INDEX `refresh_tokens_user_idx` ON `refresh_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `users_id_hash_idx` ON `users` (`id_hash`);--> statement-breakpoint
CREATE INDEX `audit_org_time_idx` ON `audit_logs` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `admin_codes_org_idx` ON `admin_codes` (`org_id`);--> statement-breakpoint
CREATE INDEX `password_reset_codes_user_idx` ON `password_reset_codes` (`user_id`);--> statement-breakpoint
CREATE INDEX `sms_codes_phone_idx` ON `sms_codes` (`phone`,`created_at`);--> statement-breakpoint
CREATE INDEX `orgs_path_idx` ON `orgs` (`path`);--> statement-breakpoint
CREATE INDEX `orgs_parent_sort_idx` ON `orgs` (`parent_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `orgs_short_name_idx` ON `orgs` (`short_name`);--> statement-breakpoint
CREATE INDEX `admin_change_org_status_idx` ON `admin_change_requests` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `roster_phone_idx` ON `roster_entries` (`phone`);--> statement-breakpoint
CREATE INDEX `roster_user_idx` ON `roster_entries` (`user_id`);--> statement-breakpoint
CREATE INDEX `checkins_id_hash_idx` ON `checkins` (`id_hash`);--> statement-breakpoint
CREATE INDEX `checkins_dev_number_idx` ON `checkins` (`development_number`);--> statement-breakpoint
CREATE INDEX `checkins_branch_status_idx` ON `checkins` (`branch_id`,`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `jobs_status_run_at_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE INDEX `jobs_locked_by_idx` ON `jobs` (`locked_by`);--> statement-breakpoint
CREATE INDEX `uploads_owner_idx` ON `uploads` (`owner_user_id`);