-- Presence states (PROTOCOL.md §7.20): what each account says about being reachable while online (away, busy) and a
-- short status text. Per account, not per connection, and stored, so they survive reconnects and restarts and
-- every member of a cluster starts with the same. A table of its own, one row per account that chose something
-- other than plain available with no text: most accounts have no row, and the users table stays as it was.
-- status_text holds at most 80 code points (checked by the appliance); MariaDB counts VARCHAR in characters.

CREATE TABLE presence_states (
    user_id     BIGINT       NOT NULL PRIMARY KEY,
    state       VARCHAR(16)  NOT NULL,
    status_text VARCHAR(160) NULL,
    CONSTRAINT fk_presence_states_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
