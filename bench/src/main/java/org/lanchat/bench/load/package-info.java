/**
 * The load generator: one Netty connection per simulated member, open-loop pacing, and per-thread
 * counting of deliveries, duplicates and latency from the send time carried in each message. The wire
 * protocols (ours, NATS, MQTT 3.1.1) are thin {@code Wire} adapters over the same engine.
 */
package org.lanchat.bench.load;
