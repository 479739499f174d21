-- Named rooms (PROTOCOL.md §7.23). A room's messages are rows of messages like any conversation's, under the
-- conversation 'room:<rooms.id>', so commit, sequence numbers, history, catch-up, clears, read marks, relations and
-- search carry them unchanged.
--
-- Membership is a row of user_conversations (V7) per member, (user_id, 'room:<id>'), written when the user creates,
-- joins or is invited to the room and deleted when they leave or are removed. Listing a user's conversations and
-- search's membership test (V13) already read that table, so a room appears in both exactly while the user is a
-- member. The new index answers "who is in this room", which fan-out and room_members ask.
--
-- public_key is the lower-cased name of a public room that is not archived, and NULL otherwise: its unique key keeps
-- public rooms' names unique ignoring case, while private and archived rooms may share any name (both engines let
-- NULLs repeat in a unique key). ${binaryCollation} makes it compare exactly what the appliance lower-cased, as H2
-- does; no other column is ever compared with it, so V10's collation mismatch cannot arise. Room ids are never
-- compared with user_conversations.conversation in SQL either: the appliance builds 'room:<id>' itself.

CREATE TABLE rooms (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    name         VARCHAR(64)  NOT NULL,
    topic        VARCHAR(250) NULL,
    private_room BOOLEAN      NOT NULL,
    archived     BOOLEAN      NOT NULL DEFAULT FALSE,
    creator_id   BIGINT       NOT NULL,
    created_at   BIGINT       NOT NULL,
    public_key   VARCHAR(64)  ${binaryCollation} NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_rooms_public_key UNIQUE (public_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_user_conversations_conversation ON user_conversations (conversation);
