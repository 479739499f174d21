-- One row the appliance rewrites to learn whether the database can write again after a fault (a full disk,
-- a read-only file system): a read can succeed where a write cannot, so only a committed write proves it.

CREATE TABLE health_probe (
    id         INT    NOT NULL,
    probed_at  BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO health_probe (id, probed_at) VALUES (1, 0);
