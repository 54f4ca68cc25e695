-- One statement: the primary key's auto-increment column cannot lose its key on its own.
ALTER TABLE `chat_reads` DROP COLUMN `id`, DROP INDEX `chat_reads_uq`, ADD PRIMARY KEY (`conversation_id`,`user_id`);
