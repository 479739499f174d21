-- Which peer keys (PROTOCOL.md §7.13) each session had signed, so that a logout ends their credentials as a password
-- reset does (credentials_from, V18): a credential of the key issued up to the logout no longer lets anyone but its
-- user hand in that user's direct messages (submit_direct, §5.15). A client keeps its private key on disk until
-- logout; a copy taken before stayed good for forged messages until the credential expired, and longer.
-- A credential names its user and key, not its session: the key is what a copy leaks and what the submission shows.
-- token_hash: the session's, as in sessions (whose row goes at logout; this one stays).
-- key_hash: SHA-256 of the key's SubjectPublicKeyInfo bytes, in lowercase hex (so no collation can fold it).
-- expires_at: the latest expiry of a credential of the key issued to the session; the row goes once no hand-in can
-- show one any more (that, plus the grace of §7.14).
-- logged_out_at: when the session logged out, epoch ms; 0 while it has not.

CREATE TABLE peer_key_sessions (
    token_hash    CHAR(64) NOT NULL,
    key_hash      CHAR(64) NOT NULL,
    user_id       BIGINT   NOT NULL,
    expires_at    BIGINT   NOT NULL,
    logged_out_at BIGINT   NOT NULL DEFAULT 0,
    PRIMARY KEY (token_hash, key_hash),
    CONSTRAINT fk_peer_key_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_peer_key_sessions_key ON peer_key_sessions (user_id, key_hash);
CREATE INDEX ix_peer_key_sessions_expiry ON peer_key_sessions (expires_at);
