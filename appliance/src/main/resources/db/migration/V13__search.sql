-- Search (PROTOCOL.md §7.22) finds a message by its current text: the message's own text when it was never
-- edited, else its latest edit's. "Is there a later edit of this message?" is asked for every row whose text
-- matches; without this index it read the rest of the conversation for each. Most rows have no target, so every
-- message adds (conversation, NULL, id) at the end of its conversation's range: an append, not a random write.

CREATE INDEX ix_messages_target ON messages (conversation, target_seq);
