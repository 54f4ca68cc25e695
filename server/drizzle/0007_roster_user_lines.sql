-- One statement: the foreign key on user_id needs an index on it at every moment.
ALTER TABLE `roster_entries` DROP INDEX `roster_user_idx`, ADD INDEX `roster_user_idx` (`user_id`,`onboarded_at`,`org_id`,`name`);
