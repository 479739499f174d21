-- One row that every group commit on a MySQL/MariaDB server locks (SELECT ... FOR UPDATE) before it reads the
-- highest message id and sequence numbers, and holds until it commits. Any number of appliances may then write to
-- one database at once: their batches take turns, so message ids and every conversation's sequence numbers rise
-- in commit order, without gaps or duplicates. The embedded database has one writer and never takes it.

CREATE TABLE commit_lock (
    id        INT    NOT NULL,
    locked_at BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO commit_lock (id, locked_at) VALUES (1, 0);
