ALTER TABLE `users` ADD `id_verified_at` datetime(3);--> statement-breakpoint
ALTER TABLE `roster_entries` ADD `declined_at` datetime(3);