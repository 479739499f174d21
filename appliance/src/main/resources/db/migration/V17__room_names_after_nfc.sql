-- A room's name and topic are checked at 64 and 250 UTF-16 units as the client sent them and stored in NFC, which can
-- make a text up to three times as long (U+FB2C, one Hebrew letter, is three after NFC; PROTOCOL.md §5.27): the
-- columns of V14 refused such names as too long. public_key is the name lower-cased, which can lengthen it once more
-- (U+0130 becomes two), hence a little more room. Both engines count VARCHAR in characters, never more than units.

ALTER TABLE rooms MODIFY name VARCHAR(192) NOT NULL;
ALTER TABLE rooms MODIFY topic VARCHAR(750) NULL;
ALTER TABLE rooms MODIFY public_key VARCHAR(256) ${binaryCollation} NULL;
