CREATE TABLE `stats_reconcile_runs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`ran_at` datetime(3) NOT NULL,
	`branches_checked` int NOT NULL,
	`branches_drifted` int NOT NULL,
	`drift` json NOT NULL,
	CONSTRAINT `stats_reconcile_runs_id` PRIMARY KEY(`id`)
);
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
CREATE INDEX `stats_reconcile_runs_ran_at_idx` ON `stats_reconcile_runs` (`ran_at`);--> statement-breakpoint
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