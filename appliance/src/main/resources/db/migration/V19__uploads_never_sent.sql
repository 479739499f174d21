-- Completed uploads no message carries (PROTOCOL.md §7.24). One user's upload of a file that none of their messages
-- carried within 7 days of it is given up, as an unfinished upload is after 7 days without a byte: the user's record
-- goes, and the file with it when no other user's record is left. Otherwise files uploaded but never sent stayed for
-- ever (retention 0) and filled the quota. Every account's recorded files count against its share of the quota, so
-- the share needs the records by user.
-- uploaded_at: when this user completed their upload; sent: whether a message of theirs has carried the file.
-- Records from before this version count as sent (and so stay, as they did): whether a message carries a file is
-- known only by reading every message, and an upgrade should delete nothing that was kept before it.

ALTER TABLE attachment_uploaders ADD COLUMN uploaded_at BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE attachment_uploaders ADD COLUMN sent BOOLEAN DEFAULT TRUE NOT NULL;

UPDATE attachment_uploaders SET uploaded_at = COALESCE(
    (SELECT stored_at FROM attachments WHERE attachments.file_id = attachment_uploaders.file_id), 0);

CREATE INDEX ix_attachment_uploaders_user ON attachment_uploaders (user_id);
CREATE INDEX ix_attachment_uploaders_unsent ON attachment_uploaders (sent, uploaded_at);
