-- The identity of the cluster whose members share this database: made by the first appliance that starts with
-- --cluster, read by every later one. Members publish and listen on the NATS bus under it, so appliances of two
-- clusters that share NATS servers (but not a database) never hear each other.

CREATE TABLE cluster_identity (
    id         INT      NOT NULL,
    cluster_id CHAR(32) NOT NULL,
    created_at BIGINT   NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
