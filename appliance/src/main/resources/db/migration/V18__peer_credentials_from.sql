-- Peer credentials (PROTOCOL.md §7.13) issued before this time, in epoch milliseconds, no longer let anyone but their
-- own user hand in that user's direct messages (submit_direct, §5.15): an administrator's password reset or disable
-- sets it, so a key obtained by whoever had the account before the reset stops being good for 7 days. 0: never set.

ALTER TABLE users ADD COLUMN credentials_from BIGINT DEFAULT 0 NOT NULL;
