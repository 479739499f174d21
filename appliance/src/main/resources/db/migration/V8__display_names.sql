-- Display names (PROTOCOL.md §7.17): a name in any script shown instead of the ASCII login name, at most one
-- per account, NULL for none. Two names shown must not look alike, whether login or display names, so a display
-- name's confusable skeletons go in the same table as the login names' (the primary key keeps each skeleton to
-- one account, across both kinds, with no race between two writers), marked so that changing a display name
-- replaces only its own rows. The appliance computes the skeletons: SQL cannot.

ALTER TABLE users ADD COLUMN display_name VARCHAR(128) NULL;

ALTER TABLE username_skeletons ADD COLUMN display_name BOOLEAN DEFAULT FALSE NOT NULL;
