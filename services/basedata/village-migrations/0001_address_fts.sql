-- Address text search (issue 14 item 12): an FTS5 table over each address's normalised full name (its norm key
-- without the "/" between levels), trigram-tokenised so that any Chinese substring of three characters or more is
-- found through the index (Chinese has no spaces for a word tokenizer). drizzle cannot declare a virtual table, so
-- it lives here; triggers keep it in step with every write to addresses, whoever writes. Rowid = the address's rowid.
CREATE VIRTUAL TABLE `address_fts` USING fts5(`text`, tokenize = 'trigram');--> statement-breakpoint
INSERT INTO `address_fts` (`rowid`, `text`)
  SELECT `rowid`, replace(`norm_key`, '/', '') FROM `addresses`;--> statement-breakpoint
CREATE TRIGGER `addresses_fts_insert` AFTER INSERT ON `addresses` BEGIN
  INSERT INTO `address_fts` (`rowid`, `text`) VALUES (new.`rowid`, replace(new.`norm_key`, '/', ''));
END;--> statement-breakpoint
CREATE TRIGGER `addresses_fts_update` AFTER UPDATE OF `norm_key` ON `addresses` BEGIN
  UPDATE `address_fts` SET `text` = replace(new.`norm_key`, '/', '') WHERE `rowid` = old.`rowid`;
END;--> statement-breakpoint
CREATE TRIGGER `addresses_fts_delete` AFTER DELETE ON `addresses` BEGIN
  DELETE FROM `address_fts` WHERE `rowid` = old.`rowid`;
END;
