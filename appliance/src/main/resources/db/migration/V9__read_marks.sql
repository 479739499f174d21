-- Read marks: how far each user has read each conversation, one row per user and conversation (never one per
-- message), so a mark costs the same in a room of a thousand as in a private chat. Written by the read-mark
-- buffer in coalesced batches, never by the message commit path; read_through only ever grows.
-- The key starts with the conversation: "who has read this conversation how far" reads one key range, and
-- listing a user's conversations joins on it; the index on user_id finds one user's own marks.

CREATE TABLE read_marks (
    conversation VARCHAR(64) NOT NULL,
    user_id      BIGINT      NOT NULL,
    read_through BIGINT      NOT NULL,
    PRIMARY KEY (conversation, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_read_marks_user ON read_marks (user_id);
