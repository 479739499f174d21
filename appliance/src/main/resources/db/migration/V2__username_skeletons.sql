-- Look-alike usernames (aIice and alice, rn and m, 0 and O) must not both be registered. Each account
-- owns the confusable skeletons of its name (Unicode TS #39 plus LAN Chat's own folding, computed by the
-- appliance: one for the name as shown, one for it in lower case, often the same), and a skeleton belongs
-- to one account at most. The rows are written by the appliance, not here: SQL cannot compute them. It
-- fills them in at start for accounts registered before this version; where such names already look
-- alike, the older account keeps the skeleton and the newer goes without, so this migration cannot fail on
-- them and both keep working, while every name registered from now on is checked against all of them.

CREATE TABLE username_skeletons (
    skeleton VARCHAR(128) ${binaryCollation} NOT NULL,
    user_id  BIGINT       NOT NULL,
    PRIMARY KEY (skeleton),
    CONSTRAINT fk_username_skeletons_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_username_skeletons_user ON username_skeletons (user_id);
