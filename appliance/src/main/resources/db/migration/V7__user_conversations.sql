-- The private conversations each user is in, one row per user and conversation, written by the group commit
-- with a conversation's first message (seq 1). Listing a user's conversations reads these rows instead of every
-- message the user ever sent or received, and the messages table loses the index on recipient_id that only that
-- listing used: every private message paid for it at commit, with a write at a random place in the index.

CREATE TABLE user_conversations (
    user_id      BIGINT      NOT NULL,
    conversation VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, conversation)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO user_conversations (user_id, conversation)
    SELECT sender_id, conversation FROM messages WHERE recipient_id IS NOT NULL
    UNION
    SELECT recipient_id, conversation FROM messages WHERE recipient_id IS NOT NULL;

DROP INDEX ix_messages_recipient ON messages;
