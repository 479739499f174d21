-- One script for both engines: MySQL/MariaDB, and H2 in MySQL mode (which ignores the table options).
-- ${binaryCollation} makes a column compare byte for byte on MySQL/MariaDB, whose default collation
-- ignores case; it is empty on H2, which compares strings exactly anyway.
-- Times are epoch milliseconds (BIGINT) so both engines and every client read them the same way.

CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(32)  NOT NULL,
    username_key  VARCHAR(32)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    disabled      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_users_username_key UNIQUE (username_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE avatars (
    user_id      BIGINT      NOT NULL,
    content_type VARCHAR(32) NOT NULL,
    sha256       CHAR(64)    NOT NULL,
    image        MEDIUMBLOB  NOT NULL,
    updated_at   BIGINT      NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_avatars_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Resume tokens, stored as SHA-256 so a copy of the database does not log anyone in.
CREATE TABLE sessions (
    token_hash CHAR(64) NOT NULL,
    user_id    BIGINT   NOT NULL,
    created_at BIGINT   NOT NULL,
    expires_at BIGINT   NOT NULL,
    PRIMARY KEY (token_hash),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- conversation is 'group' or 'dm:<lower user id>:<higher user id>'; seq counts from 1 per conversation.
CREATE TABLE messages (
    id            BIGINT      NOT NULL,
    conversation  VARCHAR(64) NOT NULL,
    seq           BIGINT      NOT NULL,
    sender_id     BIGINT      NOT NULL,
    recipient_id  BIGINT      NULL,
    client_msg_id VARCHAR(64) ${binaryCollation} NOT NULL,
    body_text     TEXT        NULL,
    sticker       VARCHAR(32) NULL,
    sent_at       BIGINT      NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_messages_conversation_seq UNIQUE (conversation, seq),
    CONSTRAINT uq_messages_sender_client_id UNIQUE (sender_id, client_msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_messages_recipient ON messages (recipient_id, conversation);

-- Clear-history marks: a user no longer sees seq <= cleared_through in that conversation.
CREATE TABLE history_marks (
    user_id         BIGINT      NOT NULL,
    conversation    VARCHAR(64) NOT NULL,
    cleared_through BIGINT      NOT NULL,
    PRIMARY KEY (user_id, conversation)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Private messages accepted while the recipient had no session; handed over at their next login.
CREATE TABLE pending_deliveries (
    user_id    BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
