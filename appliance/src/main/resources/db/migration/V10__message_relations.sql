-- Replies, edits, deletes and reactions (PROTOCOL.md §7.19). Each is an entry of its conversation with its own
-- sequence number, stored as a row of messages like any message, so commit, relay, history and catch-up carry them
-- unchanged. kind says what the row is to an earlier message of the same conversation, target_seq which one:
-- 'reply', 'edit', 'delete', 'react' or 'unreact'. Both are NULL for a plain message, as on every row stored before.
-- No index: the appliance looks a target up by (conversation, seq), which the unique key already covers, and every
-- message would pay for another index at commit.

ALTER TABLE messages ADD COLUMN kind VARCHAR(8) NULL;
ALTER TABLE messages ADD COLUMN target_seq BIGINT NULL;

-- The messages that were deleted, written in the same commit as the delete entry. "Was this target deleted?" is
-- asked for every reply, reaction, edit and delete; without this table it walked the conversation from the target
-- on, so a reaction to the first message of a long group cost a read of the whole conversation.
CREATE TABLE deleted_messages (
    conversation VARCHAR(64) NOT NULL,
    seq          BIGINT      NOT NULL,
    PRIMARY KEY (conversation, seq)
);
