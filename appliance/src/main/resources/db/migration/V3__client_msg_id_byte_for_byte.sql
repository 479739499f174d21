-- A client message id is compared byte for byte on every engine (PROTOCOL.md §7.3). MySQL's and MariaDB's
-- utf8mb4_bin collation is PAD SPACE: it ignores trailing spaces, so 'k' and 'k ' collided in the unique
-- key, and one sender's pair failed the whole group-commit batch of everyone else's sends. A binary string
-- has no collation and no padding on both servers; 256 bytes hold any 64 UTF-16 code units in UTF-8.
-- ${byteStringType} is that binary type there, and VARCHAR(64) on H2, which compares strings exactly and
-- never pads, so there the statement keeps the column as it is.

ALTER TABLE messages MODIFY client_msg_id ${byteStringType} NOT NULL;
