-- The identity of the cluster whose members share this database, made by the first appliance that starts with
-- --cluster and read by every later one: its id (members publish and listen on the NATS bus under it, so the
-- appliances of two clusters that share NATS servers never hear each other) and its certificate authority, which
-- signs each member's certificate, so that clients pin the cluster once and trust every member. Whoever can read
-- this table can read every message too: it is as secret as the rest of the database.

CREATE TABLE cluster_identity (
    id             INT      NOT NULL,
    cluster_id     CHAR(32) NOT NULL,
    ca_certificate TEXT     NOT NULL,
    ca_private_key TEXT     NOT NULL,
    created_at     BIGINT   NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
