/**
 * Framing: a 4-byte big-endian unsigned length, then that many bytes of body. The announced length is
 * checked against {@link org.lanchat.protocol.frame.FrameLimits} before a single body byte is buffered,
 * and body buffers grow with the bytes that actually arrive, so a peer that announces a large frame and
 * then trickles costs only what it has sent.
 */
package org.lanchat.protocol.frame;
