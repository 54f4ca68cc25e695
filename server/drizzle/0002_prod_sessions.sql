ALTER TABLE `refresh_tokens` ADD `family` char(22);--> statement-breakpoint
ALTER TABLE `users` ADD `password_changed_at` datetime(3);