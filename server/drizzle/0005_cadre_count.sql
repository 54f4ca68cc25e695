DROP INDEX `orgs_path_progress_idx` ON `orgs`;--> statement-breakpoint
ALTER TABLE `orgs` ADD `cadre_count` int DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: every org's count of roster lines, before the index is built again.
UPDATE `orgs` o JOIN (SELECT `org_id`, COUNT(*) AS n FROM `roster_entries` GROUP BY `org_id`) r ON r.`org_id` = o.`id` SET o.`cadre_count` = r.n;--> statement-breakpoint
CREATE INDEX `orgs_path_progress_idx` ON `orgs` (`path`,`type`,`parent_id`,`fields_complete`,`secretary_registered`,`cadre_count`,`secretary_phone`);
