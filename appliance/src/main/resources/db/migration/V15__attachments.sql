-- Files and pictures (PROTOCOL.md §7.24). The bytes live in the attachments directory, named by their SHA-256
-- (<dir>/ab/abcdef...), never in the database: a 100 MiB row would stall the commit writer and every backup.
-- This table holds what is known about each stored file; last_sent_at is what retention counts from.
CREATE TABLE attachments (
    file_id      CHAR(64)     NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    media_type   VARCHAR(100) NOT NULL,
    width        INT          NULL,
    height       INT          NULL,
    stored_at    BIGINT       NOT NULL,
    last_sent_at BIGINT       NOT NULL,
    PRIMARY KEY (file_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Who has proved they hold a file by uploading all of it. Only they may send it, or skip its upload: knowing a
-- file's hash is not having the file (§7.24).
CREATE TABLE attachment_uploaders (
    file_id CHAR(64) NOT NULL,
    user_id BIGINT   NOT NULL,
    PRIMARY KEY (file_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Which message carries which file: "<file id> <size> <media type>[ <width>x<height>]", so history, catch-up and
-- relaying need no join. Access to a file is access to a message that carries it.
ALTER TABLE messages ADD COLUMN attachment VARCHAR(200) NULL;
