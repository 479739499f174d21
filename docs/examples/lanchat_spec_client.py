#!/usr/bin/env python3
"""A LAN Chat client written from docs/PROTOCOL.md alone (protocol version 1).

Standard library only.  The module has two parts:

* ``LanChatClient`` -- one TLS connection to the appliance: fingerprint pinning
  (section 1.2), length-prefixed framing (section 2), request/reply matching by
  ``id`` (section 1, 3.2) and an event queue (frames without ``id``).
* ``main()`` -- a scenario of named checks run against a live appliance.  Each
  check prints ``ok <name>``, ``FAIL <name>: <why>``, or ``skip <name>: <why>``
  when the appliance lacks an optional feature the check needs; the last line is
  ``summary: N passed, M failed, K skipped``; the exit status is 0 unless a check
  failed.

The client is single-threaded: it reads from its socket only while someone
waits for a frame (``request``, ``wait_event``).  Frames that are not the one
awaited are kept (replies by id, events in arrival order), so nothing is lost.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import socket
import ssl
import struct
import sys
import time
import uuid
import zlib
from typing import Any, Callable

PROTOCOL_VERSION = 1
# Generous on purpose: a timeout only bounds how long a failure takes to show, and a loaded test machine is slow.
DEFAULT_TIMEOUT = 15.0       # seconds to wait for an ordinary reply
LOGIN_TIMEOUT = 60.0         # register/login hash passwords with argon2 (slow)
MAX_FRAME_BEFORE_WELCOME = 1 << 20   # section 2: accept at least 1 MiB before welcome
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class ProtocolError(Exception):
    """The appliance broke the framing/JSON contract, or the connection ended."""


class Skipped(Exception):
    """A check that does not apply to this appliance (it lacks an optional feature the spec lets it lack)."""


class ConnectionClosed(ProtocolError):
    """The appliance closed the stream (cleanly between frames, or not)."""


# --------------------------------------------------------------------------
# Fingerprints (section 1.2)
# --------------------------------------------------------------------------

def normalize_fingerprint(text: str) -> str:
    """Both the hex form and the colon-separated upper-case form denote the same value."""
    fp = text.replace(":", "").strip().lower()
    if len(fp) != 64 or any(c not in "0123456789abcdef" for c in fp):
        raise ValueError(f"not a SHA-256 fingerprint: {text!r}")
    return fp


def short_code(fp_hex: str) -> str:
    """The 12-character Crockford base32 code people compare (section 1.2)."""
    bits = int(fp_hex[:16], 16) >> 4
    s = "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in range(11, -1, -1))
    return f"{s[0:4]}-{s[4:8]}-{s[8:12]}"


# --------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------

class LanChatClient:
    """One connection to a LAN Chat appliance."""

    def __init__(self, host: str, port: int, fingerprint: str, name: str = "conn"):
        self.host, self.port = host, port
        self.fingerprint = normalize_fingerprint(fingerprint)
        self.name = name                      # only for diagnostics
        self.sock: ssl.SSLSocket | None = None
        self.buffer = bytearray()
        self.replies: dict[str, dict] = {}    # id -> reply frame not yet claimed
        self.events: list[dict] = []          # frames without id, arrival order
        self.closed = False
        self.max_frame = MAX_FRAME_BEFORE_WELCOME
        self.welcome: dict | None = None
        self.session: dict | None = None
        self._next_id = 0

    # --- connection ---------------------------------------------------------

    def connect(self, timeout: float = DEFAULT_TIMEOUT) -> "LanChatClient":
        """TCP + TLS 1.3, then verify the pin before any frame is sent (section 1.1)."""
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False            # self-signed, names no host
        ctx.verify_mode = ssl.CERT_NONE       # trust comes from the pin alone
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        raw = socket.create_connection((self.host, self.port), timeout=timeout)
        try:
            tls = ctx.wrap_socket(raw)        # no SNI needed (section 1)
        except Exception:
            raw.close()
            raise
        # Python 3.11 exposes only the leaf certificate.  A single-appliance chain
        # (one self-signed certificate) is pinned by the leaf; a two-certificate
        # cluster chain (section 1.2) cannot be verified with the 3.11 stdlib.
        der = tls.getpeercert(binary_form=True)
        actual = hashlib.sha256(der).hexdigest()
        if actual != self.fingerprint:
            tls.close()
            raise ssl.SSLError(
                f"certificate pin mismatch: got {actual} ({short_code(actual)}), "
                f"expected {self.fingerprint} ({short_code(self.fingerprint)})")
        self.sock = tls
        return self

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.closed = True

    # --- framing (section 2) ------------------------------------------------

    def send_frame(self, body: bytes) -> None:
        """Write one frame: uint32 big-endian length, then the body."""
        self.sock.sendall(struct.pack(">I", len(body)) + body)

    def send_batch(self, objs: list[dict]) -> list[str]:
        """Send several requests in one write (frames may share a read, section 2); return ids."""
        ids, data = [], b""
        for obj in objs:
            obj = {"id": self.new_id(), **obj}
            ids.append(obj["id"])
            body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            data += struct.pack(">I", len(body)) + body
        self.sock.sendall(data)
        return ids

    def send_raw(self, data: bytes) -> None:
        """Write arbitrary bytes (for the malformed-input checks)."""
        self.sock.sendall(data)

    def send_json(self, obj: dict) -> None:
        body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if len(body) > self.max_frame:
            raise ValueError(f"frame of {len(body)} bytes exceeds maxFrameBytes {self.max_frame}")
        self.send_frame(body)

    def _read_one_frame(self, deadline: float) -> dict | None:
        """Read until one whole frame is buffered; return it, or None at the deadline."""
        while True:
            if len(self.buffer) >= 4:
                (length,) = struct.unpack(">I", self.buffer[:4])
                # Check the length as soon as the header is here (section 2).
                if length == 0 or length > self.max_frame:
                    raise ProtocolError(f"appliance sent a frame of bad length {length}")
                if len(self.buffer) >= 4 + length:
                    body = bytes(self.buffer[4:4 + length])
                    del self.buffer[:4 + length]
                    frame = json.loads(body.decode("utf-8"))
                    if not isinstance(frame, dict):
                        raise ProtocolError("frame body is not a JSON object")
                    return frame
            if self.closed:
                raise ConnectionClosed(
                    "stream ended inside a frame (frame_truncated)" if self.buffer
                    else "connection closed by the appliance")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except (TimeoutError, socket.timeout):
                return None
            except (ConnectionError, ssl.SSLError, OSError) as exc:
                self.closed = True
                if self.buffer:
                    raise ConnectionClosed(f"connection lost inside a frame: {exc}") from exc
                raise ConnectionClosed(f"connection lost: {exc}") from exc
            if chunk:
                self.buffer += chunk
            else:
                self.closed = True

    def _pump(self, deadline: float) -> bool:
        """Read one frame and file it; False when the deadline passed first."""
        frame = self._read_one_frame(deadline)
        if frame is None:
            return False
        fid = frame.get("id")
        if isinstance(fid, str):
            self.replies[fid] = frame         # a reply (section 3.2)
        else:
            self.events.append(frame)         # an event or an id-less error
        return True

    # --- requests and events ------------------------------------------------

    def new_id(self) -> str:
        self._next_id += 1
        return f"{self.name}-{self._next_id}"

    def send_request(self, type_: str, **fields: Any) -> str:
        """Send a request without waiting; return its id."""
        rid = fields.pop("id", None) or self.new_id()
        self.send_json({"type": type_, "id": rid, **fields})
        return rid

    def wait_reply(self, rid: str, timeout: float = DEFAULT_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while rid not in self.replies:
            if not self._pump(deadline):
                raise TimeoutError(f"no reply to request {rid} within {timeout} s")
        return self.replies.pop(rid)

    def request(self, type_: str, timeout: float = DEFAULT_TIMEOUT, **fields: Any) -> dict:
        """Send a request and return its reply (which may be an ``error``)."""
        return self.wait_reply(self.send_request(type_, **fields), timeout)

    def call(self, type_: str, expect: str, timeout: float = DEFAULT_TIMEOUT, **fields: Any) -> dict:
        """Like ``request`` but the reply must have type ``expect``."""
        reply = self.request(type_, timeout=timeout, **fields)
        if reply.get("type") != expect:
            raise AssertionError(f"{type_} answered {describe(reply)}, expected {expect}")
        return reply

    def wait_event(self, pred: Callable[[dict], bool], timeout: float = DEFAULT_TIMEOUT,
                   what: str = "event") -> dict:
        """Return (and remove) the first queued or arriving event matching ``pred``."""
        deadline = time.monotonic() + timeout
        checked = 0
        while True:
            for i in range(checked, len(self.events)):
                if pred(self.events[i]):
                    return self.events.pop(i)
            checked = len(self.events)
            if not self._pump(deadline):
                raise TimeoutError(f"{self.name}: no {what} within {timeout} s")

    def drain(self, timeout: float = 0.0) -> None:
        """File every frame that is already readable (or arrives within timeout)."""
        deadline = time.monotonic() + timeout
        while self._pump(deadline):
            pass

    def find_events(self, pred: Callable[[dict], bool]) -> list[dict]:
        return [e for e in self.events if pred(e)]

    def wait_closed(self, timeout: float = DEFAULT_TIMEOUT) -> bool:
        """Read (filing frames) until the appliance closes the stream; True if it did."""
        deadline = time.monotonic() + timeout
        try:
            while not self.closed:
                if not self._pump(deadline) and time.monotonic() >= deadline:
                    return False
        except ConnectionClosed:
            return True
        except ProtocolError:
            return self.closed
        return True

    # --- higher-level helpers ---------------------------------------------------

    def hello(self, client: str = "spec-client 1.0") -> dict:
        welcome = self.call("hello", "welcome", protocol=PROTOCOL_VERSION, client=client)
        self.welcome = welcome
        self.max_frame = int(welcome["limits"]["maxFrameBytes"])
        return welcome

    def _authenticate(self, type_: str, **fields: Any) -> dict:
        reply = self.request(type_, timeout=LOGIN_TIMEOUT, **fields)
        if reply.get("type") == "session":
            self.session = reply
        return reply

    def register(self, username: str, password: str, **extra: Any) -> dict:
        return self._authenticate("register", username=username, password=password, **extra)

    def login(self, username: str, password: str, **extra: Any) -> dict:
        return self._authenticate("login", username=username, password=password, **extra)

    def resume(self, token: str) -> dict:
        return self._authenticate("resume", token=token)

    def send_text(self, conversation: str, text: str, client_msg_id: str | None = None) -> dict:
        return self.request("send", clientMsgId=client_msg_id or str(uuid.uuid4()),
                            conversation=conversation, text=text)

    # --- files (sections 5.36-5.40, 7.24, 7.25) ----------------------------------------

    def chunk_bytes(self) -> int:
        """welcome.limits.chunkBytes, or the formula of section 5.37 when it is absent."""
        limits = self.welcome["limits"]
        if "chunkBytes" in limits:
            return int(limits["chunkBytes"])
        return max(1, min(524288, (self.max_frame - 1024) // 4 * 3))

    def upload_chunks(self, file_id: str, data: bytes, offset: int, piece: int) -> dict:
        """Send data[offset:] in upload_chunk requests of at most ``piece`` bytes, one at a time
        (a pipelined chunk would meet wrong_offset, section 5.37); return the last reply."""
        piece = min(piece, self.chunk_bytes())
        reply: dict = {}
        while offset < len(data):
            part = data[offset:offset + piece]
            reply = self.request("upload_chunk", fileId=file_id, offset=offset,
                                 data=base64.b64encode(part).decode("ascii"))
            if reply.get("type") != "upload_status":
                return reply
            offset = reply["offset"]
        return reply

    def upload(self, data: bytes, media_type: str | None = None, piece: int = 1 << 30) -> dict:
        """upload_begin, then chunks from the offset it answers; return the last reply."""
        fields: dict[str, Any] = {"fileId": hashlib.sha256(data).hexdigest(), "size": len(data)}
        if media_type is not None:
            fields["mediaType"] = media_type
        status = self.request("upload_begin", **fields)
        if status.get("type") != "upload_status" or status.get("complete"):
            return status
        return self.upload_chunks(fields["fileId"], data, status["offset"], piece)

    def download_all(self, conversation: str, seq: int, piece: int) -> tuple[bytes, str]:
        """Fetch a message's file with download requests of ``piece`` bytes; return (bytes, fileId)."""
        data, file_id, size = b"", "", None
        while size is None or len(data) < size:
            chunk = self.call("download", "file_chunk", conversation=conversation, seq=seq,
                              offset=len(data), length=piece)
            if chunk.get("offset") != len(data):
                raise AssertionError(f"file_chunk offset {chunk.get('offset')}, asked {len(data)}")
            part = base64.b64decode(chunk["data"], validate=True)
            if not part and len(data) < chunk["size"]:
                raise AssertionError("empty file_chunk before the end of the file")
            data += part
            file_id, size = chunk["fileId"], chunk["size"]
        return data, file_id

    def read_raw(self, n: int, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """On a transfer connection: read up to n raw bytes (fewer if the stream ends first)."""
        deadline = time.monotonic() + timeout
        while len(self.buffer) < n and not self.closed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(1 << 16)
            except (TimeoutError, socket.timeout):
                break
            except (ConnectionError, ssl.SSLError, OSError):
                self.closed = True
                break
            if chunk:
                self.buffer += chunk
            else:
                self.closed = True
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data

    def read_frame(self, timeout: float = DEFAULT_TIMEOUT) -> dict:
        """Read the next frame whatever it is (transfer connections have no event queue)."""
        frame = self._read_one_frame(time.monotonic() + timeout)
        if frame is None:
            raise TimeoutError(f"{self.name}: no frame within {timeout} s")
        return frame


def describe(frame: dict) -> str:
    """Short text for a frame in failure messages."""
    if frame.get("type") == "error":
        return f"error {frame.get('code')} ({frame.get('message')})"
    text = json.dumps(frame, ensure_ascii=False)
    return text if len(text) < 300 else text[:300] + "..."


# --------------------------------------------------------------------------
# Test data
# --------------------------------------------------------------------------

def make_png(width: int = 16, height: int = 16) -> bytes:
    """A small valid RGB PNG (a diagonal gradient), built with zlib and struct."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(
        b"\x00" + b"".join(bytes(((x * 16) & 255, (y * 16) & 255, 128)) for x in range(width))
        for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)   # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise AssertionError("not a PNG")
    return struct.unpack(">II", data[16:24])


ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")   # SEQ{SEQ{OID 1.3.101.112}, BIT STRING 33}


def ed25519_public_key(on_curve: bool = True) -> bytes:
    """32 random bytes that encode an Ed25519 point (RFC 8032 5.1.3), or, if not on_curve,
    a y for which no x exists.  The standard library cannot make key pairs, but it can do this."""
    p = 2 ** 255 - 19
    d = (-121665 * pow(121666, p - 2, p)) % p
    while True:
        y = int.from_bytes(uuid.uuid4().bytes + uuid.uuid4().bytes, "little") % p
        u, v = (y * y - 1) % p, (d * y * y + 1) % p
        x2 = u * pow(v, p - 2, p) % p
        square = x2 == 0 or pow(x2, (p - 1) // 2, p) == 1
        if square == on_curve and x2 != 0:
            return y.to_bytes(32, "little")          # sign bit 0


def ed25519_spki(key: bytes) -> str:
    return base64.b64encode(ED25519_SPKI_PREFIX + key).decode("ascii")


# --------------------------------------------------------------------------
# Scenario
# --------------------------------------------------------------------------

class Scenario:
    """Shared state of one run; each ``check_*`` method is one named check."""

    PASSWORD = "correct horse battery"

    def __init__(self, args: argparse.Namespace):
        self.args = args
        p = args.prefix
        self.alice_name, self.bob_name, self.carol_name = p + "alice", p + "bob", p + "carol"
        self.word = "zebra" + uuid.uuid4().hex[:8]     # unique word for search
        self.alice: LanChatClient | None = None
        self.bob: LanChatClient | None = None
        self.carol: LanChatClient | None = None
        self.avatar_png = make_png()
        self.group_acks: list[dict] = []
        self.private_ack: dict | None = None
        self.bob_session: dict | None = None
        self.alice_session: dict | None = None
        self.room: str | None = None
        self.avatar_hash: str | None = None
        self.extra_conns: list[LanChatClient] = []
        self.manage_room: str | None = None

    # --- helpers ---------------------------------------------------------------

    def conn(self, name: str) -> LanChatClient:
        c = LanChatClient(self.args.host, self.args.port, self.args.fingerprint, name).connect()
        self.extra_conns.append(c)
        return c

    def greeted(self, name: str) -> LanChatClient:
        c = self.conn(name)
        c.hello()
        return c

    @staticmethod
    def expect(cond: bool, why: str) -> None:
        if not cond:
            raise AssertionError(why)

    def expect_error(self, reply: dict, code: str) -> None:
        self.expect(reply.get("type") == "error" and reply.get("code") == code,
                    f"expected error {code}, got {describe(reply)}")

    def expect_session(self, reply: dict, username: str) -> None:
        self.expect(reply.get("type") == "session", f"expected session, got {describe(reply)}")
        self.expect(reply.get("username") == username, f"session username {reply.get('username')!r}")
        self.expect(isinstance(reply.get("token"), str) and reply["token"], "no token")
        self.expect(isinstance(reply.get("tokenExpiresAt"), int), "no tokenExpiresAt")

    def wait_pushed_roster(self, c: LanChatClient) -> dict:
        return c.wait_event(lambda e: e.get("type") == "roster", what="pushed roster")

    def wait_message(self, c: LanChatClient, message_id: int, timeout: float = DEFAULT_TIMEOUT) -> dict:
        return c.wait_event(lambda e: e.get("type") == "message" and e.get("messageId") == message_id,
                            timeout=timeout, what=f"message {message_id}")

    def expect_ack(self, reply: dict, conversation: str, duplicate: bool = False) -> dict:
        self.expect(reply.get("type") == "ack", f"expected ack, got {describe(reply)}")
        self.expect(reply.get("conversation") == conversation,
                    f"ack conversation {reply.get('conversation')!r}, expected {conversation!r}")
        for key in ("messageId", "seq", "sentAt"):
            self.expect(isinstance(reply.get(key), int), f"ack lacks integer {key}")
        self.expect(reply.get("duplicate") is duplicate, f"ack duplicate={reply.get('duplicate')!r}")
        return reply

    def history(self, c: LanChatClient, conversation: str, **bounds: Any) -> dict:
        page = c.call("history", "history_page", conversation=conversation, **bounds)
        self.expect(isinstance(page.get("messages"), list) and isinstance(page.get("hasMore"), bool)
                    and isinstance(page.get("clearedThrough"), int), f"malformed page {describe(page)}")
        return page

    # --- checks: connection and greeting ------------------------------------------

    def check_fingerprint_pinning(self) -> None:
        """A wrong pin must make the client refuse before sending anything."""
        wrong = "00" * 32
        try:
            LanChatClient(self.args.host, self.args.port, wrong, "badpin").connect()
        except ssl.SSLError as exc:
            self.expect("pin mismatch" in str(exc), str(exc))
            return
        raise AssertionError("connection with a wrong pin was accepted")

    def check_ping_before_hello(self) -> None:
        c = self.conn("early")
        reply = c.request("ping")
        self.expect(reply.get("type") == "pong", f"got {describe(reply)}")
        c.close()

    def check_request_before_hello(self) -> None:
        c = self.conn("nohello")
        self.expect_error(c.request("roster"), "hello_required")
        self.expect_error(c.request("login", username=self.alice_name, password="x" * 8),
                          "hello_required")
        c.close()

    def check_hello_welcome(self) -> None:
        c = self.conn("greet")
        w = c.hello()
        self.expect(w.get("protocol") == 1, f"protocol {w.get('protocol')!r}")
        limits = w.get("limits", {})
        for key in ("maxFrameBytes", "maxTextChars", "maxAvatarBytes", "avatarSize",
                    "historyPageMax", "idleTimeoutSeconds"):
            self.expect(isinstance(limits.get(key), int), f"limits.{key} missing")
        stickers = w.get("stickers", [])
        self.expect(len(stickers) == 10, f"{len(stickers)} stickers, expected ten")
        for s in stickers:
            self.expect(all(isinstance(s.get(k), str) for k in ("code", "emoji", "name")),
                        f"sticker malformed: {s}")
        self.expect(isinstance(w.get("applianceName"), str), "no applianceName")
        c.close()

    def check_unsupported_version(self) -> None:
        c = self.conn("v2")
        self.expect_error(c.request("hello", protocol=2, client="x"), "unsupported_version")
        self.expect(c.wait_closed(), "connection not closed after unsupported_version")

    def check_not_authenticated(self) -> None:
        c = self.greeted("noauth")
        self.expect_error(c.request("roster"), "not_authenticated")
        self.expect_error(c.request("send", clientMsgId="x", conversation="group", text="hi"),
                          "not_authenticated")
        c.close()

    # --- checks: accounts ---------------------------------------------------------------

    def check_register_alice_with_avatar(self) -> None:
        self.alice = self.greeted("alice")
        reply = self.alice.register(self.alice_name, self.PASSWORD,
                                    avatar=base64.b64encode(self.avatar_png).decode("ascii"))
        self.expect_session(reply, self.alice_name)
        self.expect(isinstance(reply.get("deviceCookie"), str), "register session lacks deviceCookie")
        roster = self.wait_pushed_roster(self.alice)
        self.expect("id" not in roster, "pushed roster carries an id")
        self.expect(isinstance(roster.get("users"), list) and isinstance(roster.get("count"), int),
                    f"malformed roster {describe(roster)}")
        self.alice_session = reply

    def check_register_bob_then_login(self) -> None:
        reg = self.greeted("bobreg")
        self.expect_session(reg.register(self.bob_name, self.PASSWORD), self.bob_name)
        reg.close()                      # bob now logs in with `login` on a new connection
        self.bob = self.greeted("bob")
        # usernames are looked up ignoring case; the session names the canonical spelling
        reply = self.bob.login(self.bob_name.upper(), self.PASSWORD)
        self.expect_session(reply, self.bob_name)
        self.expect(isinstance(reply.get("deviceCookie"), str), "login session lacks deviceCookie")
        self.wait_pushed_roster(self.bob)
        self.bob_session = reply

    def check_register_carol(self) -> None:
        self.carol = self.greeted("carol")
        self.expect_session(self.carol.register(self.carol_name, self.PASSWORD), self.carol_name)
        self.wait_pushed_roster(self.carol)

    def check_already_authenticated(self) -> None:
        self.expect_error(self.carol.login(self.carol_name, self.PASSWORD), "already_authenticated")

    def check_register_duplicate_and_weak(self) -> None:
        c = self.greeted("dup")
        self.expect_error(c.register(self.alice_name.upper(), self.PASSWORD), "username_taken")
        self.expect_error(c.register(self.args.prefix + "dave", "short"), "weak_password")
        self.expect_error(c.register("-bad", self.PASSWORD), "invalid_username")
        c.close()

    def check_presence_roster(self) -> None:
        """Roster plus presence events, applied as set operations, show all three (section 7.8)."""
        wanted = {self.alice_name.lower(), self.bob_name.lower(), self.carol_name.lower()}
        online: set[str] = set()
        count = 0
        deadline = time.monotonic() + DEFAULT_TIMEOUT
        # Replay what alice got so far (pushed roster was consumed: ask again), then presence.
        roster = self.alice.call("roster", "roster")
        online |= {u.lower() for u in roster["users"]}
        count = roster["count"]
        self.expect(roster["count"] == len(roster["users"]), "roster count != len(users)")
        while not wanted <= online:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"alice sees online {sorted(online)}, missing {sorted(wanted - online)}")
            ev = self.alice.wait_event(lambda e: e.get("type") == "presence", timeout=remaining,
                                       what="presence")
            online |= {u.lower() for u in ev.get("joined", [])}
            online -= {u.lower() for u in ev.get("left", [])}
            count = ev.get("count", count)
        self.expect(count >= 3, f"online count {count} < 3")
        roster = self.bob.call("roster", "roster")
        self.expect(wanted <= {u.lower() for u in roster["users"]},
                    f"bob's roster {roster['users']} lacks someone")
        self.expect(roster["count"] >= 3, f"bob's roster count {roster['count']}")

    # --- checks: messages ---------------------------------------------------------------

    def check_group_message(self) -> None:
        text = f"hello group, {self.word}"
        ack = self.expect_ack(self.alice.send_text("group", text), "group")
        self.group_acks.append(ack)
        msg = self.wait_message(self.bob, ack["messageId"])
        self.expect(msg.get("conversation") == "group", f"conversation {msg.get('conversation')}")
        self.expect(msg.get("seq") == ack["seq"], "seq differs from ack")
        self.expect(msg.get("sentAt") == ack["sentAt"], "sentAt differs from ack")
        self.expect(msg.get("from") == self.alice_name, f"from {msg.get('from')!r}")
        self.expect(msg.get("text") == text, "text differs")
        self.expect("id" not in msg, "message event carries an id")
        self.wait_message(self.carol, ack["messageId"])        # everyone gets group messages

    def check_group_sticker(self) -> None:
        code = self.alice.welcome["stickers"][0]["code"] if self.alice.welcome else "smile"
        reply = self.alice.request("send", clientMsgId=str(uuid.uuid4()), conversation="group",
                                   sticker=code)
        ack = self.expect_ack(reply, "group")
        self.group_acks.append(ack)
        msg = self.wait_message(self.bob, ack["messageId"])
        self.expect(msg.get("sticker") == code and "text" not in msg, f"sticker message {describe(msg)}")
        self.expect(msg.get("seq") == self.group_acks[-2]["seq"] + 1, "group seq not contiguous")
        self.expect_error(self.alice.request("send", clientMsgId=str(uuid.uuid4()),
                                             conversation="group", sticker="no_such_sticker"),
                          "unknown_sticker")

    def check_private_message(self) -> None:
        text = f"psst bob, {self.word} secret"
        # the conversation is matched ignoring case and acked in canonical spelling
        ack = self.expect_ack(self.alice.send_text("@" + self.bob_name.upper(), text),
                              "@" + self.bob_name)
        self.private_ack = ack
        msg = self.wait_message(self.bob, ack["messageId"])
        self.expect(msg.get("conversation") == "@" + self.alice_name,
                    f"bob sees conversation {msg.get('conversation')!r}")
        self.expect(msg.get("from") == self.alice_name and msg.get("text") == text, describe(msg))
        # Carol must not get it.  Barrier: a later group message reaches carol; by then
        # the private one would have been relayed too (both committed before).
        barrier = self.expect_ack(self.alice.send_text("group", "barrier"), "group")
        self.group_acks.append(barrier)
        self.wait_message(self.carol, barrier["messageId"])
        self.carol.drain(0.2)
        leaked = self.carol.find_events(lambda e: e.get("messageId") == ack["messageId"])
        self.expect(not leaked, "carol received the private message")
        page = self.history(self.carol, "@" + self.alice_name)
        self.expect(page["messages"] == [], "carol's @alice history is not empty")

    def check_private_errors(self) -> None:
        self.expect_error(self.alice.send_text("@" + self.alice_name, "me"), "invalid_field")
        self.expect_error(self.alice.send_text("@" + self.args.prefix + "nobody", "hi"),
                          "unknown_recipient")
        self.expect_error(self.alice.send_text("Group", "hi"), "invalid_field")
        self.expect_error(self.alice.send_text("group", "   "), "empty_message")

    def check_idempotent_resend(self) -> None:
        cmid = str(uuid.uuid4())
        first = self.expect_ack(self.alice.send_text("group", "once only", cmid), "group")
        self.group_acks.append(first)
        again = self.expect_ack(self.alice.send_text("group", "once only", cmid), "group",
                                duplicate=True)
        for key in ("messageId", "seq", "sentAt", "clientMsgId"):
            self.expect(again[key] == first[key], f"duplicate ack differs in {key}")
        self.expect_error(self.alice.send_text("group", "other text", cmid), "client_msg_id_conflict")
        # bob receives it only once
        self.wait_message(self.bob, first["messageId"])
        later = self.expect_ack(self.alice.send_text("group", "after resend"), "group")
        self.group_acks.append(later)
        self.wait_message(self.bob, later["messageId"])
        self.expect(not self.bob.find_events(lambda e: e.get("messageId") == first["messageId"]),
                    "bob received the resent message twice")

    def check_history_group_paging(self) -> None:
        last = self.group_acks[-1]["seq"]
        page1 = self.history(self.bob, "group", limit=2)       # newest page, newest first
        seqs1 = [m["seq"] for m in page1["messages"]]
        self.expect(seqs1 == [last, last - 1], f"newest page seqs {seqs1}, expected {[last, last - 1]}")
        self.expect(page1["hasMore"] is True, "hasMore false on first page")
        self.expect(all(m.get("type") == "message" for m in page1["messages"]),
                    "history messages lack type=message")
        page2 = self.history(self.bob, "group", before=seqs1[-1], limit=2)
        seqs2 = [m["seq"] for m in page2["messages"]]
        self.expect(seqs2 == [last - 2, last - 3], f"second page seqs {seqs2}")
        fwd = self.history(self.bob, "group", after=last - 3, limit=2)   # oldest first
        seqsf = [m["seq"] for m in fwd["messages"]]
        self.expect(seqsf == [last - 2, last - 1] and fwd["hasMore"] is True, f"after page {seqsf}")
        tail = self.history(self.bob, "group", after=last)
        self.expect(tail["messages"] == [] and tail["hasMore"] is False, "page after the end not empty")
        self.expect_error(self.bob.request("history", conversation="group", before=5, after=1),
                          "invalid_field")
        first = self.group_acks[0]
        mine = [m for m in page1["messages"] + page2["messages"] + fwd["messages"]]
        self.expect(all(m["conversation"] == "group" for m in mine), "conversation member wrong")
        # open the conversation at one message: before = seq + 1, limit 1 (section 7.19)
        around = self.history(self.bob, "group", before=first["seq"] + 1, limit=1)
        self.expect(around["messages"][0]["messageId"] == first["messageId"], "history seq lookup")

    def check_history_private(self) -> None:
        page = self.history(self.alice, "@" + self.bob_name)
        self.expect(page.get("conversation") == "@" + self.bob_name, "page conversation")
        ids = [m["messageId"] for m in page["messages"]]
        self.expect(self.private_ack["messageId"] in ids, "private message missing from history")
        page_b = self.history(self.bob, "@" + self.alice_name, after=0, limit=1)
        self.expect(page_b["messages"][0]["seq"] == 1, "bob's private history does not start at seq 1")
        self.expect(page_b["messages"][0]["conversation"] == "@" + self.alice_name,
                    "history message not from the reader's side")

    def check_conversations(self) -> None:
        reply = self.alice.call("conversations", "conversations")
        convs = reply.get("conversations", [])
        self.expect(convs and convs[0].get("conversation") == "group", "group not listed first")
        by_name = {c["conversation"]: c for c in convs}
        mine = by_name.get("@" + self.bob_name)
        self.expect(mine is not None, f"@bob not listed: {list(by_name)}")
        self.expect(mine["lastSeq"] == self.private_ack["seq"], f"lastSeq {mine['lastSeq']}")
        self.expect(by_name["group"]["lastSeq"] >= self.group_acks[-1]["seq"], "group lastSeq too low")
        self.expect(mine.get("clearedThrough") == 0, "clearedThrough not 0")
        carol = self.carol.call("conversations", "conversations")
        self.expect("@" + self.alice_name not in {c["conversation"] for c in carol["conversations"]},
                    "carol lists a conversation with alice")

    def check_clear_history(self) -> None:
        conv_b = "@" + self.alice_name
        before_clear = self.history(self.bob, conv_b)["messages"]
        reply = self.bob.call("clear_history", "ok", conversation=conv_b)
        self.expect("id" in reply, "ok without id")
        page = self.history(self.bob, conv_b)
        self.expect(page["messages"] == [], "bob still sees cleared messages")
        self.expect(page["clearedThrough"] == self.private_ack["seq"], f"clearedThrough {page['clearedThrough']}")
        # only for bob: alice still sees everything
        alice_page = self.history(self.alice, "@" + self.bob_name)
        self.expect(len(alice_page["messages"]) == len(before_clear), "alice lost messages")
        convs = {c["conversation"]: c for c in self.bob.call("conversations", "conversations")["conversations"]}
        self.expect(convs[conv_b]["clearedThrough"] == self.private_ack["seq"], "conversations clearedThrough")
        # later messages are visible again
        ack = self.expect_ack(self.alice.send_text("@" + self.bob_name, "after the clear"), "@" + self.bob_name)
        self.wait_message(self.bob, ack["messageId"])
        page = self.history(self.bob, conv_b)
        self.expect([m["messageId"] for m in page["messages"]] == [ack["messageId"]],
                    "new message not visible after clear")
        self.private_ack = ack

    def check_offline_delivery(self) -> None:
        self.bob.call("logout", "ok")
        # the logged-out token can no longer be resumed
        # (tested below in check_resume_revoked_token)
        self.bob_revoked = self.bob_session["token"]
        # bob's only connection is logged out, so he is offline
        text = f"while you were out {self.word}"
        ack = self.expect_ack(self.alice.send_text("@" + self.bob_name, text), "@" + self.bob_name)
        reply = self.bob.login(self.bob_name, self.PASSWORD,
                               deviceCookie=self.bob_session.get("deviceCookie"))
        self.expect_session(reply, self.bob_name)
        self.bob_session = reply
        self.wait_pushed_roster(self.bob)
        msg = self.wait_message(self.bob, ack["messageId"])
        self.expect(msg.get("text") == text and msg.get("conversation") == "@" + self.alice_name,
                    describe(msg))
        self.private_ack = ack

    def check_resume(self) -> None:
        c = self.greeted("bob2")
        reply = c.resume(self.bob_session["token"])
        self.expect_session(reply, self.bob_name)
        self.expect(reply["token"] == self.bob_session["token"], "resume returned another token")
        self.expect(reply["tokenExpiresAt"] == self.bob_session["tokenExpiresAt"], "expiry changed")
        self.expect("deviceCookie" not in reply, "resume session carries a deviceCookie")
        self.wait_pushed_roster(c)
        # a message to bob reaches both of his connections
        ack = self.expect_ack(self.alice.send_text("@" + self.bob_name, "two devices"), "@" + self.bob_name)
        self.wait_message(c, ack["messageId"])
        self.wait_message(self.bob, ack["messageId"])
        self.private_ack = ack
        # a group message from bob's second connection reaches his first one (section 7.2)
        g = self.expect_ack(c.send_text("group", "from bob's second device"), "group")
        self.group_acks.append(g)
        own = self.wait_message(self.bob, g["messageId"])
        self.expect(own.get("from") == self.bob_name, describe(own))
        c.close()

    def check_resume_revoked_token(self) -> None:
        c = self.greeted("bob3")
        self.expect_error(c.resume(self.bob_revoked), "token_invalid")
        c.close()

    def check_get_avatar(self) -> None:
        av = self.bob.call("get_avatar", "avatar", username=self.alice_name.upper())
        self.expect(av.get("username") == self.alice_name, "canonical username")
        self.expect(av.get("generated") is False, "uploaded avatar reported generated")
        self.expect(av.get("contentType") == "image/png", f"contentType {av.get('contentType')}")
        image = base64.b64decode(av["image"], validate=True)
        self.expect(hashlib.sha256(image).hexdigest() == av.get("hash"), "hash is not SHA-256 of image")
        size = self.alice.welcome["limits"]["avatarSize"]
        self.expect(png_size(image) == (size, size), f"avatar is {png_size(image)}, expected {size}x{size}")
        again = self.bob.call("get_avatar", "avatar", username=self.alice_name, ifNoneMatch=av["hash"])
        self.expect("image" not in again and again.get("hash") == av["hash"], "ifNoneMatch still sent image")
        other = self.bob.call("get_avatar", "avatar", username=self.alice_name, ifNoneMatch="0" * 64)
        self.expect("image" in other, "non-matching ifNoneMatch omitted the image")
        gen = self.bob.call("get_avatar", "avatar", username=self.carol_name)
        self.expect(gen.get("generated") is True and "image" in gen, "carol's avatar not generated")
        self.expect_error(self.bob.request("get_avatar", username=self.args.prefix + "nobody"),
                          "unknown_recipient")

    def check_set_avatar_invalid(self) -> None:
        self.expect_error(self.carol.request("set_avatar", image=base64.b64encode(b"not an image").decode()),
                          "invalid_image")
        self.expect_error(self.carol.request("set_avatar", image="not base64!"), "invalid_field")

    def check_ping_pong(self) -> None:
        reply = self.alice.request("ping", id="the-ping")
        self.expect(reply == {"type": "pong", "id": "the-ping"}, f"got {describe(reply)}")

    def check_typing(self) -> None:
        self.alice.call("typing", "ok", conversation="@" + self.bob_name)
        ev = self.bob.wait_event(lambda e: e.get("type") == "typing", what="typing")
        self.expect(ev.get("conversation") == "@" + self.alice_name and ev.get("user") == self.alice_name,
                    describe(ev))
        self.expect(isinstance(ev.get("expiresInMs"), int), "typing lacks expiresInMs")

    def check_edit_and_react(self) -> None:
        target = self.group_acks[0]
        new_text = f"edited text {self.word}x"
        ack = self.expect_ack(self.alice.request("edit", clientMsgId=str(uuid.uuid4()), conversation="group",
                                                 target=target["seq"], text=new_text), "group")
        ev = self.wait_message(self.bob, ack["messageId"])
        self.expect(ev.get("edits") == target["seq"] and ev.get("text") == new_text, describe(ev))
        self.expect_error(self.bob.request("edit", clientMsgId=str(uuid.uuid4()), conversation="group",
                                           target=target["seq"], text="hijack"), "not_your_message")
        react = self.expect_ack(self.bob.request("react", clientMsgId=str(uuid.uuid4()), conversation="group",
                                                 target=target["seq"], emoji="\U0001F44D"), "group")
        ev = self.wait_message(self.alice, react["messageId"])
        self.expect(ev.get("reactsTo") == target["seq"] and ev.get("reaction") == "\U0001F44D", describe(ev))
        self.group_acks += [ack, react]

    def check_mark_read(self) -> None:
        conv = "@" + self.alice_name
        seq = self.private_ack["seq"]
        self.bob.call("mark_read", "ok", conversation=conv, seq=seq + 100)   # reduced to newest
        ev = self.alice.wait_event(lambda e: e.get("type") == "read", what="read event")
        self.expect(ev.get("conversation") == "@" + self.bob_name and ev.get("reader") == self.bob_name
                    and ev.get("seq") == seq, describe(ev))
        marks = self.alice.call("read_marks", "read_marks", conversation="@" + self.bob_name)
        self.expect({"user": self.bob_name, "seq": seq} in marks.get("marks", []), describe(marks))

    def check_set_presence(self) -> None:
        self.carol.call("set_presence", "ok", state="busy", statusText="in a meeting")

        def is_busy(e: dict) -> bool:
            st = e.get("states", {}).get(self.carol_name)
            return e.get("type") == "presence" and st is not None and st.get("state") == "busy"
        ev = self.alice.wait_event(is_busy, what="presence with carol busy")
        self.expect(ev["states"][self.carol_name].get("statusText") == "in a meeting", describe(ev))
        roster = self.bob.call("roster", "roster")
        self.expect(roster.get("states", {}).get(self.carol_name, {}).get("state") == "busy",
                    f"roster states {roster.get('states')}")

    # --- checks: errors -------------------------------------------------------------------------

    def check_wrong_password(self) -> None:
        c = self.greeted("wrongpw")
        reply = c.login(self.alice_name, "definitely wrong")
        self.expect_error(reply, "auth_failed")
        self.expect(reply.get("message") == "wrong username or password", f"message {reply.get('message')!r}")
        c.close()

    def check_malformed_json(self) -> None:
        c = self.greeted("badjson")
        # (what is wrong, the frame body, the code section 3.1 gives); none of these errors carries an id
        bad_bodies = [
            ("trailing comma", b'{"type":"ping","id":"1",}', "invalid_json"),
            ("byte-order mark", b'\xef\xbb\xbf{"type":"ping","id":"2"}', "invalid_json"),
            ("duplicate key", b'{"type":"ping","type":"ping"}', "invalid_json"),
            ("array body", b'["ping"]', "wrong_type"),
            ("bad UTF-8", b'{"type":"ping","id":"\xff"}', "invalid_utf8"),
        ]
        for what, body, code in bad_bodies:
            c.send_frame(body)
            ev = c.wait_event(lambda e: e.get("type") == "error", what="error")
            self.expect(ev.get("code") == code and "id" not in ev, f"{what}: {describe(ev)}")
        # the connection stays usable (decode errors do not close)
        self.expect(c.request("ping").get("type") == "pong", "connection unusable after decode errors")
        c.close()

    def check_field_errors(self) -> None:
        c = self.greeted("fields")
        self.expect_error(c.request("hello", protocol="1", client="x"), "wrong_type")
        self.expect_error(c.request("hello", protocol=1.0, client="x"), "wrong_type")
        self.expect_error(c.request("hello", client="x"), "missing_field")
        c.send_json({"type": "ping"})                              # no id
        ev = c.wait_event(lambda e: e.get("type") == "error", what="error")
        self.expect(ev.get("code") == "missing_field", f"ping without id: {describe(ev)}")
        c.close()

    def check_unknown_type(self) -> None:
        c = self.greeted("unknown")
        self.expect_error(c.request("fly_to_the_moon"), "unknown_type")
        self.expect_error(c.request("welcome"), "unknown_type")     # a type only the appliance sends
        c.send_json({"id": "no-type"})
        reply = c.wait_reply("no-type")
        self.expect_error(reply, "missing_field")
        c.close()

    def check_oversized_frame(self) -> None:
        c = self.greeted("big")
        limit = c.max_frame
        c.send_raw(struct.pack(">I", limit + 1))
        ev = c.wait_event(lambda e: e.get("type") == "error", what="error")
        self.expect(ev.get("code") == "frame_too_large" and "id" not in ev, describe(ev))
        msg = ev.get("message", "")
        self.expect(str(limit + 1) in msg.replace(",", "").replace(" ", "") and
                    str(limit) in msg.replace(",", "").replace(" ", ""),
                    f"message does not name both numbers: {msg!r}")
        self.expect(c.wait_closed(), "connection not closed after frame_too_large")

    def check_huge_unsigned_length(self) -> None:
        c = self.greeted("huge")
        c.send_raw(b"\xff\xff\xff\xfe")
        ev = c.wait_event(lambda e: e.get("type") == "error", what="error")
        self.expect(ev.get("code") == "frame_too_large", describe(ev))
        self.expect(c.wait_closed(), "connection not closed")

    def check_empty_frame(self) -> None:
        c = self.greeted("empty")
        c.send_raw(b"\x00\x00\x00\x00")
        ev = c.wait_event(lambda e: e.get("type") == "error", what="error")
        self.expect(ev.get("code") == "frame_empty" and "id" not in ev, describe(ev))
        self.expect(c.wait_closed(), "connection not closed after frame_empty")

    def check_split_frames(self) -> None:
        """Frames may be split arbitrarily and several may share one write (section 2)."""
        c = self.greeted("split")
        f1 = json.dumps({"type": "ping", "id": "s1"}).encode()
        f2 = json.dumps({"type": "ping", "id": "s2"}).encode()
        data = struct.pack(">I", len(f1)) + f1 + struct.pack(">I", len(f2)) + f2
        for i in range(0, len(data), 3):
            c.send_raw(data[i:i + 3])
        self.expect(c.wait_reply("s1").get("type") == "pong" and c.wait_reply("s2").get("type") == "pong",
                    "split pings not answered")
        c.close()


    def check_sticker_set(self) -> None:
        """Section 6.1: version 1 appliances announce exactly these ten, in this order."""
        expected = [("smile", "\U0001F600"), ("laugh", "\U0001F602"), ("wink", "\U0001F609"),
                    ("love", "\U0001F60D"), ("cool", "\U0001F60E"), ("surprised", "\U0001F62E"),
                    ("sad", "\U0001F622"), ("angry", "\U0001F620"), ("thumbs_up", "\U0001F44D"),
                    ("party", "\U0001F389")]
        got = [(s["code"], s["emoji"]) for s in self.alice.welcome["stickers"]]
        self.expect(got == expected, f"sticker set {got}")

    def check_hello_again_when_logged_in(self) -> None:
        w = self.alice.call("hello", "welcome", protocol=1, client="again")
        self.expect(w.get("protocol") == 1, describe(w))
        self.alice.call("roster", "roster")      # still logged in

    def check_text_limits(self) -> None:
        limit = self.alice.welcome["limits"]["maxTextChars"]
        self.expect_error(self.alice.send_text("group", "x" * (limit + 1)), "text_too_long")
        self.expect_error(self.alice.request("send", clientMsgId=str(uuid.uuid4()), conversation="group",
                                             text="a", sticker="smile"), "invalid_field")
        self.expect_error(self.alice.request("send", clientMsgId=str(uuid.uuid4()), conversation="group"),
                          "empty_message")
        # code points, not UTF-16 units: `limit` emoji (2 units each) are accepted
        ack = self.expect_ack(self.alice.send_text("group", "\U0001F600" * limit), "group")
        self.group_acks.append(ack)

    def check_history_limit_clamp(self) -> None:
        page = self.history(self.bob, "group", limit=1_000_000)      # reduced to historyPageMax
        self.expect(len(page["messages"]) <= self.bob.welcome["limits"]["historyPageMax"], "page too long")
        self.expect_error(self.bob.request("history", conversation="group", limit=0), "invalid_field")
        self.expect_error(self.bob.request("history", conversation="group", before=-1), "invalid_field")
        self.expect_error(self.bob.request("history", conversation="group", limit=2**31), "wrong_type")

    def check_decode_rules(self) -> None:
        """Section 3.1 rules and section 3.2 id echo."""
        c = self.greeted("decode")

        def error_for(body: bytes) -> dict:
            c.send_frame(body)
            return c.wait_event(lambda e: e.get("type") == "error", what=f"error for {body[:40]!r}")

        def error_with_id(obj: dict, rid: str) -> dict:
            c.send_json(obj)
            return c.wait_reply(rid)

        self.expect_error(error_with_id({"type": "hello", "id": "n1", "protocol": 1, "client": None}, "n1"),
                          "missing_field")                                   # null means absent
        self.expect_error(error_with_id({"type": 7, "id": "n2"}, "n2"), "unknown_type")
        self.expect_error(error_with_id({"type": None, "id": "n3"}, "n3"), "missing_field")
        pong = error_with_id({"type": "ping", "id": "n5", "unknownMember": [1, {"b": True}]}, "n5")
        self.expect(pong.get("type") == "pong", f"unknown members not ignored: {describe(pong)}")
        long_number = b'{"type":"ping","id":"n6","x":' + b"1" * 33 + b"}"
        self.expect(error_for(long_number).get("code") == "invalid_json", "33-digit number accepted")
        deep = b'{"type":"ping","id":"n7","x":' + b"[" * 16 + b"]" * 16 + b"}"
        self.expect(error_for(deep).get("code") == "invalid_json", "depth 17 accepted")
        ok_deep = b'{"type":"ping","id":"n8","x":' + b"[" * 15 + b"]" * 15 + b"}"
        c.send_frame(ok_deep)
        self.expect(c.wait_reply("n8").get("type") == "pong", "depth 16 refused")
        # items: object, 3 member names, 2 strings, the array = 7, plus one per number
        many = json.dumps({"type": "ping", "id": "n9", "x": list(range(994))}).encode()
        self.expect(error_for(many).get("code") == "invalid_json", "1001 items accepted")
        enough = json.dumps({"type": "ping", "id": "n10", "x": list(range(993))}).encode()
        c.send_frame(enough)
        self.expect(c.wait_reply("n10").get("type") == "pong", "1000 items refused")
        bad_id = error_for(json.dumps({"type": "ping", "id": ""}).encode())
        self.expect(bad_id.get("code") == "invalid_field" and "id" not in bad_id, f"empty id: {describe(bad_id)}")
        c.close()

    def check_too_many_errors(self) -> None:
        c = self.greeted("errors")
        for _ in range(20):
            c.send_frame(b"{")
        self.expect(c.wait_closed(), "connection not closed after 20 decode errors")
        errors = [e for e in c.events if e.get("type") == "error"]
        byes = [e for e in c.events if e.get("type") == "bye"]
        self.expect(len(errors) == 20, f"{len(errors)} error frames")
        self.expect(byes and byes[0].get("reason") == "too_many_errors", f"bye {byes}")

    def check_server_only_types(self) -> None:
        c = self.greeted("srvtypes")
        for t in ("session", "ack", "message", "bye", "room_event", "upload_status", "transfer_ready"):
            reply = c.request(t)
            self.expect(reply.get("code") == "unknown_type", f"{t}: {describe(reply)}")
        c.close()


    def check_tls12_refused(self) -> None:
        """Section 1: TLS 1.3 only; a client offering only TLS 1.2 cannot connect."""
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        raw = socket.create_connection((self.args.host, self.args.port), timeout=DEFAULT_TIMEOUT)
        try:
            tls = ctx.wrap_socket(raw)
        except (ssl.SSLError, ConnectionError, OSError):
            return
        finally:
            raw.close()
        tls.close()
        raise AssertionError("a TLS 1.2 handshake succeeded")

    def check_busy_during_login(self) -> None:
        """Section 4.1: requests during a login in progress get busy without retryAfterMs."""
        c = self.greeted("busy")
        # One write, so the appliance reads the later frames while the login is in progress;
        # with separate writes the login (~40 ms) sometimes finishes first (section 4.1 says so).
        login = {"type": "login", "username": self.carol_name, "password": self.PASSWORD}
        login_id, roster_id, again_id = c.send_batch([login, {"type": "roster"}, login])
        for rid in (roster_id, again_id):
            reply = c.wait_reply(rid)
            self.expect_error(reply, "busy")
            self.expect("retryAfterMs" not in reply, f"busy carries retryAfterMs: {describe(reply)}")
        self.expect_session(c.wait_reply(login_id, LOGIN_TIMEOUT), self.carol_name)
        c.close()

    def check_send_rate_limit(self) -> None:
        """Section 7.11: 20 sends a second per connection, bursts of 40; refused sends take no token."""
        c = self.greeted("burst")
        self.expect_session(c.login(self.carol_name, self.PASSWORD), self.carol_name)
        # One write, so that no token comes back between the sends however slow this machine is.
        sent = c.send_batch([{"type": "send", "clientMsgId": f"{self.args.prefix}-burst-{i}", "conversation": "group",
                              "text": f"burst {i}"} for i in range(50)])
        ids = {rid: i for i, rid in enumerate(sent)}
        limited = []
        for rid, i in ids.items():
            reply = c.wait_reply(rid)
            if reply.get("type") == "error":
                self.expect(reply.get("code") == "rate_limited" and isinstance(reply.get("retryAfterMs"), int),
                            describe(reply))
                limited.append((i, reply["retryAfterMs"]))
        self.expect(limited, "50 sends at once were all accepted")
        self.expect(len(limited) <= 10, f"{len(limited)} of 50 refused; a burst of 40 should pass")
        i, wait_ms = limited[0]
        time.sleep(wait_ms / 1000)        # the protocol asks to wait retryAfterMs (not synchronisation)
        reply = c.request("send", clientMsgId=f"{self.args.prefix}-burst-{i}", conversation="group",
                          text=f"burst {i}")
        self.expect(reply.get("type") == "ack" and reply.get("duplicate") is False,
                    f"resend after retryAfterMs: {describe(reply)}")
        c.close()

    # --- checks: rooms and search ---------------------------------------------------------------

    def check_room(self) -> None:
        reply = self.alice.call("create_room", "room", name=f"{self.args.prefix} secret room",
                                topic="spec test", visibility="private")
        room = reply["room"]
        self.expect(room.get("creator") == self.alice_name and room.get("members") == 1
                    and room.get("visibility") == "private" and room.get("archived") is False, describe(room))
        conv = room["conversation"]
        self.expect(conv.startswith("#") and conv[1:].isdigit(), f"room conversation {conv!r}")
        self.room = conv
        self.alice.call("invite", "ok", room=conv, username=self.bob_name.upper())
        ev = self.bob.wait_event(lambda e: e.get("type") == "room_event" and e.get("conversation") == conv,
                                 what="room_event invited")
        self.expect(ev.get("change") == "invited" and ev.get("user") == self.bob_name
                    and ev.get("by") == self.alice_name and ev["room"].get("members") == 2, describe(ev))
        members = self.bob.call("room_members", "room_members", room=conv)
        self.expect(sorted(members["members"], key=str.lower) == sorted([self.alice_name, self.bob_name], key=str.lower),
                    f"members {members['members']}")
        text = f"room talk {self.word} roomword"
        ack = self.expect_ack(self.alice.send_text(conv, text), conv)
        self.expect(ack["seq"] == 1, f"first room message seq {ack['seq']}")
        msg = self.wait_message(self.bob, ack["messageId"])
        self.expect(msg.get("conversation") == conv and msg.get("text") == text, describe(msg))
        # carol is not a member of a private room: it does not exist for her
        self.expect_error(self.carol.request("history", conversation=conv), "room_not_found")
        self.expect_error(self.carol.send_text(conv, "let me in"), "room_not_found")
        self.expect_error(self.carol.request("join_room", room=conv), "room_not_found")
        listed = self.carol.call("rooms", "rooms")
        visible = {r["conversation"] for r in listed.get("joined", []) + listed.get("open", [])}
        self.expect(conv not in visible, "carol's rooms lists the private room")
        self.expect(conv in {r["conversation"] for r in self.bob.call("rooms", "rooms")["joined"]},
                    "bob's rooms does not list the room as joined")
        self.expect_error(self.bob.request("archive_room", room=conv), "not_room_creator")
        convs = {c["conversation"] for c in self.bob.call("conversations", "conversations")["conversations"]}
        self.expect(conv in convs, "room not in bob's conversations")
        self.bob.call("leave_room", "ok", room=conv)
        ev = self.alice.wait_event(lambda e: e.get("type") == "room_event" and e.get("change") == "left",
                                   what="room_event left")
        self.expect(ev.get("user") == self.bob_name and ev["room"]["members"] == 1, describe(ev))
        self.expect_error(self.bob.request("history", conversation=conv), "room_not_found")

    def check_search(self) -> None:
        res = self.alice.call("search", "search_results", text=self.word.upper())
        hits = res.get("hits", [])
        convs = {h["conversation"] for h in hits}
        self.expect("group" in convs and "@" + self.bob_name in convs, f"hit conversations {convs}")
        ids = [h["messageId"] for h in hits]
        self.expect(ids == sorted(ids, reverse=True), "hits not newest first")
        for h in hits:
            self.expect(self.word in h.get("snippet", "").lower(), f"snippet {h.get('snippet')!r}")
        # carol finds group hits only; never alice and bob's private ones, nor the private room's
        res_c = self.carol.call("search", "search_results", text=self.word)
        cconvs = {h["conversation"] for h in res_c.get("hits", [])}
        self.expect(cconvs == {"group"}, f"carol's hits in {cconvs}")
        # bob left the room: he no longer finds its messages
        res_b = self.bob.call("search", "search_results", text="roomword")
        self.expect(res_b.get("hits") == [], f"bob still finds room messages: {res_b.get('hits')}")
        # paging
        page = self.alice.call("search", "search_results", text=self.word, limit=1)
        self.expect(len(page["hits"]) == 1 and page["hasMore"] is True, "search limit/hasMore")
        nxt = self.alice.call("search", "search_results", text=self.word, limit=1,
                              before=page["hits"][0]["messageId"])
        self.expect(nxt["hits"] and nxt["hits"][0]["messageId"] < page["hits"][0]["messageId"], "search paging")

    def check_logout_login_again(self) -> None:
        """After logout the connection is GREETED: not_authenticated, then it can log in again."""
        c = self.greeted("relog")
        self.expect_session(c.login(self.carol_name, self.PASSWORD), self.carol_name)
        c.call("logout", "ok")
        self.expect_error(c.request("roster"), "not_authenticated")
        self.expect_session(c.login(self.carol_name, self.PASSWORD), self.carol_name)
        c.close()

    # --- checks: files, pictures and raw transfers (sections 5.36-5.40, 6.24-6.28, 7.24, 7.25) ---------

    def fresh(self, name: str, session: dict) -> LanChatClient:
        """A new connection logged in with resume (no password hashing), roster consumed."""
        c = self.greeted(name)
        self.expect_session(c.resume(session["token"]), session["username"])
        self.wait_pushed_roster(c)
        return c

    def send_file(self, c: LanChatClient, conversation: str, name: str, data: bytes) -> dict:
        return c.request("send", clientMsgId=str(uuid.uuid4()), conversation=conversation, text=name,
                         attachment=hashlib.sha256(data).hexdigest())

    def expect_status(self, reply: dict, data: bytes, offset: int, complete: bool) -> dict:
        self.expect(reply.get("type") == "upload_status", f"expected upload_status, got {describe(reply)}")
        got = (reply.get("fileId"), reply.get("size"), reply.get("offset"), reply.get("complete"))
        want = (hashlib.sha256(data).hexdigest(), len(data), offset, complete)
        self.expect(got == want, f"upload_status (fileId, size, offset, complete) {got}, expected {want}")
        self.expect(isinstance(reply.get("chunkBytes"), int), "upload_status lacks chunkBytes")
        return reply

    def check_file_chunked(self) -> None:
        limits = self.alice.welcome["limits"]
        for key in ("maxFileBytes", "chunkBytes"):
            self.expect(isinstance(limits.get(key), int), f"welcome.limits.{key} missing")
        self.expect(limits["chunkBytes"] == max(1, min(524288, (limits["maxFrameBytes"] - 1024) // 4 * 3)),
                    f"chunkBytes {limits['chunkBytes']} is not the formula of section 5.37")
        data = uuid.uuid4().bytes * 20000                       # 320 000 bytes, several chunks below
        data = hashlib.sha256(data).digest() + bytes(b ^ (i & 255) for i, b in enumerate(data))
        fid = hashlib.sha256(data).hexdigest()
        self.file_data = data
        # not uploaded yet: sending it is refused
        self.expect_error(self.send_file(self.alice, "@" + self.bob_name, "early.bin", data), "no_such_attachment")
        status = self.alice.upload(data, "Application/X-Spec+Test", piece=100_000)
        self.expect_status(status, data, len(data), True)
        again = self.alice.call("upload_begin", "upload_status", fileId=fid, size=len(data))
        self.expect_status(again, data, len(data), True)            # this user uploaded all of it
        other = self.bob.call("upload_begin", "upload_status", fileId=fid, size=len(data))
        self.expect_status(other, data, 0, False)                   # proof of possession: bob has not
        self.expect_error(self.bob.request("upload_begin", fileId=fid, size=len(data) + 1), "invalid_field")
        self.expect_error(self.send_file(self.bob, "@" + self.alice_name, "x.bin", data), "no_such_attachment")
        ack = self.expect_ack(self.send_file(self.alice, "@" + self.bob_name, "random.bin", data), "@" + self.bob_name)
        msg = self.wait_message(self.bob, ack["messageId"])
        att = msg.get("attachment") or {}
        self.expect(msg.get("text") == "random.bin" and att.get("fileId") == fid and att.get("size") == len(data),
                    f"message {describe(msg)}")
        self.expect(att.get("mediaType") == "application/x-spec+test", f"mediaType {att.get('mediaType')!r} "
                    "(section 7.24: the sender's, lower-cased)")
        self.expect("width" not in att and "height" not in att, "a non-picture has width/height")
        got, got_id = self.bob.download_all("@" + self.alice_name, msg["seq"], 64 * 1024)
        self.expect(got_id == fid and hashlib.sha256(got).hexdigest() == fid and got == data, "download differs")
        end = self.bob.call("download", "file_chunk", conversation="@" + self.alice_name, seq=msg["seq"],
                            offset=len(data))
        self.expect(end.get("data") == "" and end.get("size") == len(data), f"download at the end {describe(end)}")
        self.expect_error(self.bob.request("download", conversation="@" + self.alice_name, seq=msg["seq"],
                                           offset=len(data) + 1), "invalid_field")
        big = self.bob.call("download", "file_chunk", conversation="@" + self.alice_name, seq=msg["seq"],
                            offset=0, length=2 ** 31 - 1)                  # reduced to chunkBytes silently
        self.expect(len(base64.b64decode(big["data"])) == min(len(data), limits["chunkBytes"]), "length not reduced")
        # one code and one message for every case nobody may read (section 5.38)
        refusals = [self.carol.request("download", conversation="@" + self.alice_name, seq=msg["seq"], offset=0),
                    self.bob.request("download", conversation="@" + self.args.prefix + "nobody", seq=1, offset=0),
                    self.bob.request("download", conversation="@" + self.bob_name, seq=1, offset=0),
                    self.carol.request("download", conversation=self.room, seq=1, offset=0),
                    self.bob.request("download", conversation="#999999999", seq=1, offset=0),
                    self.bob.request("download", conversation="@" + self.alice_name, seq=msg["seq"] + 999, offset=0),
                    self.bob.request("download", conversation="group", seq=self.group_acks[0]["seq"], offset=0)]
        for r in refusals:
            self.expect_error(r, "no_such_attachment")
        self.expect(len({r.get("message") for r in refusals}) == 1,
                    f"no_such_attachment messages differ: {sorted({r.get('message') for r in refusals})}")
        self.file_seq = msg["seq"]
        # an edit renames it; the edit entry carries no attachment (section 6.5)
        edit = self.expect_ack(self.alice.request("edit", clientMsgId=str(uuid.uuid4()), conversation="@" + self.bob_name,
                                                  target=msg["seq"], text="renamed.bin"), "@" + self.bob_name)
        ev = self.wait_message(self.bob, edit["messageId"])
        self.expect(ev.get("edits") == msg["seq"] and "attachment" not in ev, describe(ev))

    def check_file_resume(self) -> None:
        data = uuid.uuid4().bytes * 12500                       # 200 000 bytes
        fid = hashlib.sha256(data).hexdigest()
        first = self.fresh("alice-up1", self.alice_session)
        self.expect_status(first.call("upload_begin", "upload_status", fileId=fid, size=len(data)), data, 0, False)
        part = first.call("upload_chunk", "upload_status", fileId=fid, offset=0,
                          data=base64.b64encode(data[:70_000]).decode())
        self.expect_status(part, data, 70_000, False)
        first.close()                                           # the connection is cut
        second = self.fresh("alice-up2", self.alice_session)
        self.expect_error(second.request("upload_chunk", fileId=fid, offset=0,
                                         data=base64.b64encode(data[:10]).decode()), "wrong_offset")
        resumed = self.expect_status(second.call("upload_begin", "upload_status", fileId=fid, size=len(data)),
                                     data, 70_000, False)
        self.expect_error(second.request("upload_chunk", fileId=fid, offset=69_999,
                                         data=base64.b64encode(data[69_999:70_010]).decode()), "wrong_offset")
        self.expect_error(second.request("upload_chunk", fileId=fid, offset=70_000,
                                         data=base64.b64encode(data[70_000:] + b"x").decode()), "invalid_field")
        done = second.upload_chunks(fid, data, resumed["offset"], 80_000)
        self.expect_status(done, data, len(data), True)
        second.close()

    def check_upload_begin_other_size(self) -> None:
        """Section 5.36: "An upload_begin for an upload the user began earlier with a different size
        discards what was held and starts at 0"."""
        other = uuid.uuid4().bytes * 100
        oid = hashlib.sha256(other).hexdigest()
        self.alice.call("upload_begin", "upload_status", fileId=oid, size=len(other))
        one = self.alice.call("upload_chunk", "upload_status", fileId=oid, offset=0,
                              data=base64.b64encode(other[:1]).decode())          # pieces may be one byte
        self.expect(one.get("offset") == 1, describe(one))
        self.alice.call("upload_chunk", "upload_status", fileId=oid, offset=1, data=base64.b64encode(other[1:500]).decode())
        again = self.alice.call("upload_begin", "upload_status", fileId=oid, size=len(other) + 7)
        self.expect(again.get("offset") == 0 and again.get("size") == len(other) + 7,
                    f"upload_begin with another size answered {describe(again)}: the 500 bytes held were kept")

    def check_file_corrupt(self) -> None:
        data = uuid.uuid4().bytes * 3000
        fid = hashlib.sha256(data).hexdigest()
        damaged = data[:-1] + bytes([data[-1] ^ 1])
        self.alice.call("upload_begin", "upload_status", fileId=fid, size=len(data))
        half = len(data) // 2
        self.expect_status(self.alice.upload_chunks(fid, damaged[:half], 0, 20_000), data, half, False)
        reply = self.alice.upload_chunks(fid, damaged, half, 20_000)
        self.expect_error(reply, "hash_mismatch")
        self.expect_error(self.send_file(self.alice, "group", "bad.bin", data), "no_such_attachment")
        self.expect_status(self.alice.call("upload_begin", "upload_status", fileId=fid, size=len(data)),
                           data, 0, False)                              # discarded: start again at 0

    def check_file_limits(self) -> None:
        limit = self.alice.welcome["limits"]["maxFileBytes"]
        reply = self.alice.request("upload_begin", fileId="ab" * 32, size=limit + 1)
        self.expect_error(reply, "file_too_large")
        digits = "".join(ch for ch in reply.get("message", "") if ch.isdigit())
        self.expect(str(limit) in digits or str(limit // (1 << 20)) in digits,
                    f"file_too_large message does not name the limit: {reply.get('message')!r}")
        self.expect_error(self.alice.request("upload_begin", fileId="AB" * 32, size=10), "invalid_field")
        self.expect_error(self.alice.request("upload_begin", fileId="ab" * 32, size=0), "invalid_field")
        self.expect_error(self.alice.request("upload_begin", fileId="ab" * 31, size=10), "invalid_field")
        self.expect_error(self.alice.request("upload_chunk", fileId="cd" * 32, offset=0, data="eHl6"),
                          "wrong_offset")                               # never begun
        self.expect_error(self.alice.request("send", clientMsgId=str(uuid.uuid4()), conversation="group",
                                             attachment="ab" * 32), "missing_field")
        self.expect_error(self.alice.request("send", clientMsgId=str(uuid.uuid4()), conversation="group",
                                             text="two\nlines", attachment="ab" * 32), "invalid_field")
        self.expect_error(self.alice.request("send", clientMsgId=str(uuid.uuid4()), conversation="group",
                                             text="n" * 256, attachment="ab" * 32), "invalid_field")

    def check_picture(self) -> None:
        png = make_png(40, 30)
        fid = hashlib.sha256(png).hexdigest()
        self.expect_status(self.alice.upload(png, "image/png"), png, len(png), True)
        ack = self.expect_ack(self.send_file(self.alice, "group", "pic.png", png), "group")
        self.group_acks.append(ack)
        msg = self.wait_message(self.bob, ack["messageId"])
        att = msg.get("attachment") or {}
        self.expect(att.get("fileId") == fid and att.get("mediaType") == "image/png"
                    and att.get("width") == 40 and att.get("height") == 30, f"attachment {att}")
        th = self.bob.call("get_thumbnail", "thumbnail", conversation="group", seq=ack["seq"])
        image = base64.b64decode(th["image"], validate=True)
        self.expect(th.get("fileId") == fid and th.get("contentType") == "image/png", describe(th))
        self.expect(image[:8] == b"\x89PNG\r\n\x1a\n", f"thumbnail magic {image[:8]!r}")
        self.expect(png_size(image) == (40, 30), f"thumbnail {png_size(image)}: must not be enlarged")
        # a big one is scaled to fit 256 x 256, shape kept
        wide = make_png(600, 150)
        self.expect_status(self.alice.upload(wide), wide, len(wide), True)
        wack = self.expect_ack(self.send_file(self.alice, "group", "wide.png", wide), "group")
        self.group_acks.append(wack)
        wth = self.bob.call("get_thumbnail", "thumbnail", conversation="group", seq=wack["seq"])
        w, h = png_size(base64.b64decode(wth["image"]))
        self.expect(w == 256 and 63 <= h <= 65, f"600x150 thumbnail is {w}x{h}, expected 256x64")
        # a file that only claims to be a picture: any other file, and never an image/ type
        fake = b"not a picture " + uuid.uuid4().bytes * 100
        self.expect_status(self.alice.upload(fake, "image/png"), fake, len(fake), True)
        fack = self.expect_ack(self.send_file(self.alice, "group", "x.png", fake), "group")
        self.group_acks.append(fack)
        fmsg = self.wait_message(self.bob, fack["messageId"])
        fatt = fmsg.get("attachment") or {}
        self.expect(fatt.get("mediaType") == "application/octet-stream" and "width" not in fatt,
                    f"fake picture stored as {fatt}")
        self.expect_error(self.bob.request("get_thumbnail", conversation="group", seq=fack["seq"]),
                          "no_such_attachment")
        # a file that begins like a PNG must be exactly one
        broken = png[:40] + uuid.uuid4().bytes * 4
        self.expect_error(self.alice.upload(broken, "image/png"), "invalid_image")
        polyglot = png + b"PK\x03\x04" + uuid.uuid4().bytes
        self.expect_error(self.alice.upload(polyglot), "invalid_image")
        self.expect_error(self.send_file(self.alice, "group", "p.png", polyglot), "no_such_attachment")
        # a deleted message's file cannot be fetched any more
        dele = self.alice.request("delete", clientMsgId=str(uuid.uuid4()), conversation="group", target=ack["seq"])
        self.group_acks.append(self.expect_ack(dele, "group"))
        self.expect_error(self.bob.request("get_thumbnail", conversation="group", seq=ack["seq"]),
                          "no_such_attachment")
        self.expect_error(self.bob.request("download", conversation="group", seq=ack["seq"], offset=0),
                          "no_such_attachment")

    def transfer_conn(self, name: str, ticket: str, tid: str = "t1") -> tuple[LanChatClient, dict]:
        """A new connection whose first frame is `transfer`; returns it and the appliance's first frame."""
        c = self.conn(name)
        c.send_json({"type": "transfer", "id": tid, "ticket": ticket})
        return c, c.read_frame()

    def check_raw_transfer(self) -> None:
        if not self.alice.welcome["limits"].get("rawTransfers"):
            raise Skipped("welcome.limits.rawTransfers is absent: this appliance offers no transfer connections")
        data = b"".join(hashlib.sha256(uuid.uuid4().bytes).digest() for _ in range(10_000))   # 320 000 bytes
        fid = hashlib.sha256(data).hexdigest()
        # the two paths meet: 50 000 bytes by upload_chunk, the rest raw
        self.alice.call("upload_begin", "upload_status", fileId=fid, size=len(data))
        self.alice.upload_chunks(fid, data[:50_000], 0, 50_000)
        t = self.alice.call("transfer_ticket", "transfer_ticket", direction="upload", fileId=fid,
                            size=len(data), mediaType="application/x-raw")
        self.expect(t.get("offset") == 50_000 and t.get("length") == len(data) - 50_000
                    and t.get("complete") is False and t.get("direction") == "upload", describe(t))
        self.expect(isinstance(t.get("ticket"), str) and len(t["ticket"]) == 43 and t.get("expiresInMs") == 60000,
                    describe(t))
        up, ready = self.transfer_conn("raw-up", t["ticket"], "up-1")
        self.expect(ready.get("type") == "transfer_ready" and ready.get("id") == "up-1"
                    and (ready.get("direction"), ready.get("fileId"), ready.get("size"), ready.get("offset"),
                         ready.get("length")) == ("upload", fid, len(data), 50_000, len(data) - 50_000),
                    describe(ready))
        up.send_raw(data[50_000:])
        final = up.read_frame(timeout=3 * DEFAULT_TIMEOUT)
        self.expect(final.get("type") == "upload_status" and final.get("id") == "up-1"
                    and final.get("complete") is True and final.get("offset") == len(data), describe(final))
        self.expect(up.wait_closed(), "transfer connection not closed after upload_status")
        # reusing the ticket: ticket_invalid, then close; a forged one likewise, with the same message
        reuse, err1 = self.transfer_conn("raw-reuse", t["ticket"], "re-1")
        self.expect_error(err1, "ticket_invalid")
        self.expect(err1.get("id") == "re-1", "ticket_invalid without the transfer's id")
        self.expect(reuse.wait_closed(), "connection not closed after ticket_invalid")
        forged_ticket = base64.urlsafe_b64encode(uuid.uuid4().bytes + uuid.uuid4().bytes).decode().rstrip("=")[:43]
        forged, err2 = self.transfer_conn("raw-forged", forged_ticket, "fo-1")
        self.expect_error(err2, "ticket_invalid")
        self.expect(forged.wait_closed(), "connection not closed after a forged ticket")
        self.expect(err1.get("message") == err2.get("message"), "ticket_invalid messages differ")
        # transfer on a greeted connection: invalid_field, state unchanged
        g = self.greeted("raw-greeted")
        self.expect_error(g.request("transfer", ticket=forged_ticket), "invalid_field")
        self.expect(g.request("ping").get("type") == "pong", "greeted connection unusable after transfer")
        g.close()
        # send it; bob downloads the second half raw, and the first half in chunks
        ack = self.expect_ack(self.send_file(self.alice, "@" + self.bob_name, "raw.bin", data), "@" + self.bob_name)
        msg = self.wait_message(self.bob, ack["messageId"])
        self.expect((msg.get("attachment") or {}).get("mediaType") == "application/x-raw", describe(msg))
        half = len(data) // 2
        dt = self.bob.call("transfer_ticket", "transfer_ticket", direction="download",
                           conversation="@" + self.alice_name, seq=msg["seq"], offset=half)
        self.expect((dt.get("direction"), dt.get("fileId"), dt.get("size"), dt.get("offset"), dt.get("length"),
                     dt.get("complete")) == ("download", fid, len(data), half, len(data) - half, False), describe(dt))
        down, ready = self.transfer_conn("raw-down", dt["ticket"], "down-1")
        self.expect(ready.get("type") == "transfer_ready" and ready.get("length") == len(data) - half
                    and ready.get("offset") == half, describe(ready))
        tail = down.read_raw(len(data) - half, timeout=3 * DEFAULT_TIMEOUT)
        self.expect(len(tail) == len(data) - half, f"raw download gave {len(tail)} of {len(data) - half} bytes")
        self.expect(down.read_raw(1, timeout=DEFAULT_TIMEOUT) == b"" and down.closed,
                    "transfer connection not closed after the last byte")
        head = b""
        while len(head) < half:
            chunk = self.bob.call("download", "file_chunk", conversation="@" + self.alice_name, seq=msg["seq"],
                                  offset=len(head), length=half - len(head))
            head += base64.b64decode(chunk["data"])
        self.expect(hashlib.sha256(head + tail).hexdigest() == fid, "raw + chunked download differs from the file")
        # a download ticket for a message nobody may read: no_such_attachment
        self.expect_error(self.carol.request("transfer_ticket", direction="download",
                                             conversation="@" + self.alice_name, seq=msg["seq"], offset=0),
                          "no_such_attachment")
        self.expect_error(self.bob.request("transfer_ticket", direction="download", conversation="@" + self.alice_name,
                                           seq=msg["seq"], offset=0, fileId=fid), "invalid_field")
        done = self.alice.call("transfer_ticket", "transfer_ticket", direction="upload", fileId=fid, size=len(data))
        self.expect(done.get("complete") is True and "ticket" not in done and done.get("length") == 0, describe(done))

    def check_raw_stale_ticket_and_overrun(self) -> None:
        """Section 5.40: a chunk added after the ticket makes `transfer` answer wrong_offset (then close);
        section 7.25: more than `length` bytes is invalid_field, and the upload is discarded."""
        if not self.alice.welcome["limits"].get("rawTransfers"):
            raise Skipped("welcome.limits.rawTransfers is absent: this appliance offers no transfer connections")
        data = uuid.uuid4().bytes * 900                 # 14 400 bytes: with the surplus, one TLS record
        fid = hashlib.sha256(data).hexdigest()
        t = self.alice.call("transfer_ticket", "transfer_ticket", direction="upload", fileId=fid, size=len(data))
        self.alice.call("upload_chunk", "upload_status", fileId=fid, offset=0, data=base64.b64encode(data[:100]).decode())
        stale, err = self.transfer_conn("raw-stale", t["ticket"], "st-1")
        self.expect_error(err, "wrong_offset")
        self.expect(stale.wait_closed(), "connection not closed after wrong_offset")
        t = self.alice.call("transfer_ticket", "transfer_ticket", direction="upload", fileId=fid, size=len(data))
        self.expect(t.get("offset") == 100 and t.get("length") == len(data) - 100, describe(t))
        over, ready = self.transfer_conn("raw-over", t["ticket"], "ov-1")
        self.expect(ready.get("type") == "transfer_ready", describe(ready))
        over.send_raw(data[100:] + b"0123456789")
        err = over.read_frame(timeout=3 * DEFAULT_TIMEOUT)
        self.expect_error(err, "invalid_field")
        self.expect(str(len(data) - 100) in err.get("message", ""), f"message does not name length: {err.get('message')!r}")
        self.expect(over.wait_closed(), "connection not closed after too many bytes")
        again = self.alice.call("upload_begin", "upload_status", fileId=fid, size=len(data))
        self.expect(again.get("offset") == 0, f"overrun upload not discarded: {describe(again)}")

    # --- checks: rooms, the rest (sections 5.27-5.35, 6.20-6.23) ------------------------------------

    def room_event(self, c: LanChatClient, conv: str, change: str) -> dict:
        return c.wait_event(lambda e: e.get("type") == "room_event" and e.get("conversation") == conv
                            and e.get("change") == change, what=f"room_event {change} for {conv}")

    def all_rooms(self, c: LanChatClient, limit: int) -> tuple[list[dict], list[dict], int]:
        """Ask `rooms` page by page; return (joined, open, pages)."""
        joined: list[dict] = []
        opened: list[dict] = []
        after, pages = None, 0
        while True:
            fields: dict[str, Any] = {"limit": limit} if after is None else {"limit": limit, "after": after}
            page = c.call("rooms", "rooms", **fields)
            pages += 1
            self.expect(isinstance(page.get("hasMore"), bool), "rooms lacks hasMore")
            self.expect(len(page["joined"]) + len(page["open"]) <= limit, "rooms page longer than limit")
            joined += page["joined"]
            opened += page["open"]
            if not page["hasMore"]:
                self.expect("next" not in page, "next present with hasMore false")
                return joined, opened, pages
            last = (page["open"] or page["joined"])[-1]
            kind = "o" if page["open"] else "j"
            self.expect(page.get("next") == f"{kind}{last['conversation'][1:]}:{last['name']}",
                        f"next {page.get('next')!r} for the last room {last['conversation']} {last['name']!r}")
            after = page["next"]

    def check_room_manage(self) -> None:
        p = self.args.prefix
        room = self.alice.call("create_room", "room", name=f"{p} plans", visibility="private")["room"]
        conv = room["conversation"]
        self.expect("topic" not in room, f"room without topic has one: {room}")
        for user in (self.bob_name, self.carol_name):
            self.alice.call("invite", "ok", room=conv, username=user)
        self.room_event(self.carol, conv, "invited")
        self.alice.call("invite", "ok", room=conv, username=self.carol_name)   # a member: ok, no event
        # update_room: the reply and an `updated` event to every member
        upd = self.alice.call("update_room", "room", room=conv, name=f"  {p} Plans B  ", topic="what next")["room"]
        self.expect(upd.get("name") == f"{p} Plans B" and upd.get("topic") == "what next"
                    and upd.get("visibility") == "private" and upd.get("members") == 3, f"updated room {upd}")
        for c in (self.bob, self.carol, self.alice):
            ev = self.room_event(c, conv, "updated")
            self.expect(ev.get("by") == self.alice_name and ev.get("room") == upd and "user" not in ev, describe(ev))
        cleared = self.alice.call("update_room", "room", room=conv, topic=" ", visibility="public")["room"]
        self.expect("topic" not in cleared and cleared["visibility"] == "private" and cleared["name"] == upd["name"],
                    f"topic not cleared or visibility changed: {cleared}")
        self.room_event(self.bob, conv, "updated")
        self.expect_error(self.alice.request("update_room", room=conv), "missing_field")
        self.expect_error(self.alice.request("update_room", room=conv, name="   "), "invalid_field")
        self.expect_error(self.bob.request("update_room", room=conv, name="mine now"), "not_room_creator")
        # room_members, a page at a time
        names = sorted([self.alice_name, self.bob_name, self.carol_name], key=str.lower)
        page1 = self.bob.call("room_members", "room_members", room=conv, limit=2)
        self.expect(page1.get("room") == conv and page1.get("creator") == self.alice_name
                    and page1.get("members") == names[:2] and page1.get("hasMore") is True, describe(page1))
        page2 = self.bob.call("room_members", "room_members", room=conv, limit=2, after=page1["members"][-1])
        self.expect(page2.get("members") == names[2:] and page2.get("hasMore") is False, describe(page2))
        self.expect_error(self.bob.request("room_members", room=conv, limit=0), "invalid_field")
        self.expect_error(self.bob.request("room_members", room=conv, after="-bad-"), "invalid_field")
        # remove_member
        self.expect_error(self.bob.request("remove_member", room=conv, username=self.carol_name), "not_room_creator")
        self.expect_error(self.alice.request("remove_member", room=conv, username=p + "nobody"), "unknown_recipient")
        self.expect_error(self.alice.request("remove_member", room=conv, username=self.alice_name), "invalid_field")
        hello = self.expect_ack(self.alice.send_text(conv, "before the removal"), conv)
        self.wait_message(self.carol, hello["messageId"])
        self.alice.call("remove_member", "ok", room=conv, username=self.carol_name.upper())
        for c in (self.carol, self.bob):
            ev = self.room_event(c, conv, "removed")
            self.expect(ev.get("user") == self.carol_name and ev.get("by") == self.alice_name
                        and ev["room"].get("members") == 2, describe(ev))
        self.expect_error(self.carol.request("history", conversation=conv), "room_not_found")
        self.expect_error(self.carol.send_text(conv, "still here?"), "room_not_found")
        self.expect_error(self.carol.request("room_members", room=conv), "room_not_found")
        after = self.expect_ack(self.alice.send_text(conv, "after the removal"), conv)
        self.wait_message(self.bob, after["messageId"])
        self.carol.drain(0.2)
        self.expect(not self.carol.find_events(lambda e: e.get("conversation") == conv and e.get("type") == "message"),
                    "the removed member still receives the room's messages")
        self.expect_error(self.alice.request("remove_member", room=conv, username=self.carol_name), "unknown_recipient")
        # the private room and a forged id look the same to a non-member
        real = self.carol.request("history", conversation=conv)
        forged_id = "#" + "9" * 18
        forged = self.carol.request("history", conversation=forged_id)
        self.expect_error(forged, "room_not_found")
        # the message names the room as the request did (section 7.23); apart from that it must be the same
        self.expect(real.get("message", "").replace(conv, "#ID") == forged.get("message", "").replace(forged_id, "#ID"),
                    f"room_not_found messages differ: {real.get('message')!r} / {forged.get('message')!r}")
        self.expect_error(self.carol.request("invite", room="#" + "9" * 18, username=self.bob_name), "room_not_found")
        self.manage_room = conv

    def check_rooms_paging_and_archive(self) -> None:
        p = self.args.prefix
        pub = self.alice.call("create_room", "room", name=f"{p} Open Talk", topic="anyone")["room"]
        self.expect(pub.get("visibility") == "public", describe(pub))
        self.expect_error(self.carol.request("create_room", name=f"{p} OPEN TALK"), "room_name_taken")
        private_twin = self.carol.call("create_room", "room", name=f"{p} open talk", visibility="private")["room"]
        joined, opened, pages = self.all_rooms(self.alice, 1)
        mine = {r["conversation"] for r in joined}
        self.expect({self.room, self.manage_room, pub["conversation"]} <= mine, f"alice joined {mine}")
        self.expect(len(joined) == len(mine) and pages == len(joined) + len(opened), "rooms paging repeated a room")
        self.expect(private_twin["conversation"] not in mine | {r["conversation"] for r in opened},
                    "alice sees carol's private room")
        keys = [(r["name"].lower(), int(r["conversation"][1:])) for r in joined]
        self.expect(keys == sorted(keys), f"joined not sorted by name then id: {keys}")
        b_joined, b_open, _ = self.all_rooms(self.bob, 2)
        self.expect(pub["conversation"] in {r["conversation"] for r in b_open}, "bob's open lacks the public room")
        self.expect_error(self.bob.request("rooms", after="x"), "invalid_field")
        self.expect_error(self.bob.request("rooms", limit=0), "invalid_field")
        # a place the appliance did not write is only a place
        page = self.bob.call("rooms", "rooms", after="j999999999:", limit=100)
        self.expect(isinstance(page.get("joined"), list), describe(page))
        # join the public room, then archive it
        self.bob.call("join_room", "room", room=pub["conversation"])
        ev = self.room_event(self.alice, pub["conversation"], "joined")
        self.expect(ev.get("user") == self.bob_name and ev.get("by") == self.bob_name, describe(ev))
        self.room_event(self.bob, pub["conversation"], "joined")
        self.expect_error(self.bob.request("archive_room", room=pub["conversation"]), "not_room_creator")
        self.alice.call("archive_room", "ok", room=pub["conversation"])
        for c in (self.bob, self.alice):
            ev = self.room_event(c, pub["conversation"], "archived")
            self.expect(ev["room"].get("archived") is True and ev.get("by") == self.alice_name, describe(ev))
        conv = pub["conversation"]
        self.expect_error(self.bob.send_text(conv, "anyone?"), "room_archived")
        self.expect_error(self.alice.request("update_room", room=conv, topic="closed"), "room_archived")
        self.expect_error(self.alice.request("invite", room=conv, username=self.carol_name), "room_archived")
        self.expect_error(self.carol.request("join_room", room=conv), "room_archived")
        self.alice.call("archive_room", "ok", room=conv)                      # again: ok, no event
        self.bob.call("history", "history_page", conversation=conv)
        self.bob.call("room_members", "room_members", room=conv)
        c_joined, c_open, _ = self.all_rooms(self.carol, 100)
        self.expect(conv not in {r["conversation"] for r in c_joined + c_open}, "archived room still listed to carol")
        again = self.alice.call("join_room", "room", room=conv)["room"]       # a member: the room, unchanged
        self.expect(again.get("archived") is True, describe(again))
        # its name is free again for a new public room
        self.alice.call("create_room", "room", name=f"{p} open talk")
        self.alice.drain(0.2)
        self.expect(not self.alice.find_events(lambda e: e.get("type") == "room_event" and e.get("change") == "archived"),
                    "second archive_room sent an event")

    # --- checks: replies, edits, deletes, reactions, mentions (sections 5.22-5.24, 7.19, 7.21) -----

    def check_reply_edit_react_delete(self) -> None:
        a_conv, b_conv = "@" + self.bob_name, "@" + self.alice_name
        orig = self.expect_ack(self.alice.send_text(a_conv, "lunch at noon?"), a_conv)
        self.wait_message(self.bob, orig["messageId"])
        reply = self.expect_ack(self.bob.request("send", clientMsgId=str(uuid.uuid4()), conversation=b_conv,
                                                 text="yes", replyTo=orig["seq"]), b_conv)
        ev = self.wait_message(self.alice, reply["messageId"])
        self.expect(ev.get("replyTo") == orig["seq"] and ev.get("text") == "yes", describe(ev))
        self.expect_error(self.bob.request("send", clientMsgId=str(uuid.uuid4()), conversation=b_conv, text="?",
                                           replyTo=orig["seq"] + 999), "unknown_target")
        self.expect_error(self.bob.request("send", clientMsgId=str(uuid.uuid4()), conversation=b_conv, text="?",
                                           replyTo=0), "invalid_field")
        edit = self.expect_ack(self.alice.request("edit", clientMsgId=str(uuid.uuid4()), conversation=a_conv,
                                                  target=orig["seq"], text="lunch at one?"), a_conv)
        ev = self.wait_message(self.bob, edit["messageId"])
        self.expect(ev.get("edits") == orig["seq"] and ev.get("text") == "lunch at one?"
                    and ev.get("from") == self.alice_name and "replyTo" not in ev, describe(ev))
        self.expect_error(self.alice.request("edit", clientMsgId=str(uuid.uuid4()), conversation=a_conv,
                                             target=edit["seq"], text="edit an edit"), "unknown_target")
        emoji = "\U0001F44D"
        for bad in ("a", "\u2764", emoji * 2):
            self.expect_error(self.bob.request("react", clientMsgId=str(uuid.uuid4()), conversation=b_conv,
                                               target=orig["seq"], emoji=bad), "invalid_field")
        heart = self.expect_ack(self.bob.request("react", clientMsgId=str(uuid.uuid4()), conversation=b_conv,
                                                 target=orig["seq"], emoji="\u2764\ufe0f"), b_conv)
        react = self.expect_ack(self.bob.request("react", clientMsgId=str(uuid.uuid4()), conversation=b_conv,
                                                 target=orig["seq"], emoji=emoji), b_conv)
        ev = self.wait_message(self.alice, react["messageId"])
        self.expect(ev.get("reactsTo") == orig["seq"] and ev.get("reaction") == emoji and ev.get("text") == emoji
                    and "removeReaction" not in ev, describe(ev))
        unreact = self.expect_ack(self.bob.request("react", clientMsgId=str(uuid.uuid4()), conversation=b_conv,
                                                   target=orig["seq"], emoji=emoji, remove=True), b_conv)
        ev = self.wait_message(self.alice, unreact["messageId"])
        self.expect(ev.get("reactsTo") == orig["seq"] and ev.get("removeReaction") is True
                    and ev.get("text") == "withdrew " + emoji, describe(ev))
        self.expect_error(self.bob.request("delete", clientMsgId=str(uuid.uuid4()), conversation=b_conv,
                                           target=orig["seq"]), "not_your_message")
        dele = self.expect_ack(self.alice.request("delete", clientMsgId=str(uuid.uuid4()), conversation=a_conv,
                                                  target=orig["seq"]), a_conv)
        ev = self.wait_message(self.bob, dele["messageId"])
        self.expect(ev.get("deletes") == orig["seq"] and ev.get("text") == "message deleted", describe(ev))
        for req in ({"type": "react", "emoji": emoji}, {"type": "edit", "text": "again"}, {"type": "delete"}):
            kind = req.pop("type")
            self.expect_error(self.alice.request(kind, clientMsgId=str(uuid.uuid4()), conversation=a_conv,
                                                 target=orig["seq"], **req), "unknown_target")
        self.expect_error(self.bob.request("send", clientMsgId=str(uuid.uuid4()), conversation=b_conv, text="re",
                                           replyTo=orig["seq"]), "unknown_target")
        # history keeps every version: the original as sent, then each change as an entry
        page = self.history(self.bob, b_conv, after=orig["seq"] - 1)
        entries = [(m["seq"], m.get("text"), m.get("replyTo"), m.get("edits"), m.get("reactsTo"),
                    m.get("removeReaction"), m.get("deletes")) for m in page["messages"]]
        s = orig["seq"]
        expected = [(s, "lunch at noon?", None, None, None, None, None),
                    (reply["seq"], "yes", s, None, None, None, None),
                    (edit["seq"], "lunch at one?", None, s, None, None, None),
                    (heart["seq"], "\u2764\ufe0f", None, None, s, None, None),
                    (react["seq"], emoji, None, None, s, None, None),
                    (unreact["seq"], "withdrew " + emoji, None, None, s, True, None),
                    (dele["seq"], "message deleted", None, None, None, None, s)]
        self.expect(entries == expected, f"history entries {entries}")
        self.expect(page["messages"][0]["sentAt"] == orig["sentAt"], "original's sentAt changed")
        # the same clientMsgId for a change of another kind is a conflict; the same change is the old ack
        again = self.alice.request("delete", clientMsgId=dele["clientMsgId"], conversation=a_conv, target=orig["seq"])
        self.expect(again.get("type") == "ack" and again.get("duplicate") is True
                    and again.get("seq") == dele["seq"], f"resent delete {describe(again)}")
        self.expect_error(self.alice.request("edit", clientMsgId=dele["clientMsgId"], conversation=a_conv,
                                             target=orig["seq"], text="x"), "client_msg_id_conflict")
        # stickers are deleted, not edited
        st = self.expect_ack(self.alice.request("send", clientMsgId=str(uuid.uuid4()), conversation=a_conv,
                                                sticker="smile"), a_conv)
        self.expect_error(self.alice.request("edit", clientMsgId=str(uuid.uuid4()), conversation=a_conv,
                                             target=st["seq"], text="no"), "invalid_field")
        self.expect_ack(self.alice.request("delete", clientMsgId=str(uuid.uuid4()), conversation=a_conv,
                                           target=st["seq"]), a_conv)
        # someone else's private conversation: unknown_target, as for a seq that exists nowhere
        self.expect_error(self.carol.request("react", clientMsgId=str(uuid.uuid4()), conversation=b_conv,
                                             target=orig["seq"], emoji=emoji), "unknown_target")

    def check_mentions(self) -> None:
        """Section 7.21: a mention is a convention of the text, not a field: relayed unchanged, nothing added."""
        text = f"hi @{self.bob_name.upper()} and @here, mail bob@example.com"
        ack = self.expect_ack(self.alice.send_text("group", text), "group")
        self.group_acks.append(ack)
        msg = self.wait_message(self.bob, ack["messageId"])
        self.expect(msg.get("text") == text, "mention text altered")
        known = {"type", "messageId", "conversation", "seq", "from", "clientMsgId", "text", "sentAt"}
        self.expect(set(msg) <= known, f"unexpected members on a mentioning message: {sorted(set(msg) - known)}")

    # --- checks: peers (sections 5.14, 5.16, 6.14, 6.15, 7.13, 7.15) --------------------------------

    def check_peers(self) -> None:
        bob2 = self.fresh("bob-peer", self.bob_session)
        key = ed25519_spki(ed25519_public_key())
        reply = bob2.call("peer_credential", "peer_credential", publicKey=key, port=47471)
        cred = reply.get("credential", {})
        self.expect(cred.get("username") == self.bob_name and cred.get("publicKey") == key, describe(reply))
        self.expect(cred.get("expiresAt") - cred.get("issuedAt") == 604_800_000, "credential does not last 7 days")
        cert = base64.b64decode(cred.get("certificate", ""), validate=True)
        self.expect(hashlib.sha256(cert).hexdigest() == self.args.fingerprint, "credential certificate is not the pinned one")
        sig = base64.b64decode(cred.get("signature", ""), validate=True)
        self.expect(sig[:1] == b"\x30", "signature is not an ASN.1 DER Ecdsa-Sig-Value")
        listed = self.alice.call("peers", "peers")["peers"]
        self.expect({"username": self.bob_name, "address": "127.0.0.1", "port": 47471} in listed, f"peers {listed}")
        self.expect(not [x for x in bob2.call("peers", "peers")["peers"] if x["username"] == self.bob_name],
                    "peers lists the asking user himself")
        # malformed keys and ports: invalid_field
        ec_like = base64.b64encode(bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200") + b"\x04" + b"\x01" * 64).decode()
        x25519 = base64.b64encode(bytes.fromhex("302a300506032b656e032100") + b"\x01" * 32).decode()
        for bad in (ec_like, x25519, base64.b64encode(b"\x01" * 32).decode(),
                    base64.b64encode(ED25519_SPKI_PREFIX + b"\x01" * 32 + b"\x00").decode()):
            self.expect_error(bob2.request("peer_credential", publicKey=bad), "invalid_field")
        self.expect_error(bob2.request("peer_credential", publicKey=key, port=0), "invalid_field")
        self.expect_error(bob2.request("peer_credential", publicKey=key, port=65536), "invalid_field")
        # a later peer_credential without port removes the listing
        bob2.call("peer_credential", "peer_credential", publicKey=key)
        listed = self.alice.call("peers", "peers")["peers"]
        self.expect(not [x for x in listed if x["username"] == self.bob_name and x["port"] == 47471],
                    f"bob still listed after a peer_credential without port: {listed}")
        bob2.close()

    # --- running ------------------------------------------------------------------------------

    CHECKS = [
        "fingerprint_pinning", "ping_before_hello", "request_before_hello", "hello_welcome",
        "unsupported_version", "not_authenticated",
        "register_alice_with_avatar", "register_bob_then_login", "register_carol",
        "already_authenticated", "register_duplicate_and_weak", "presence_roster",
        "group_message", "group_sticker", "private_message", "private_errors", "idempotent_resend",
        "history_group_paging", "history_private", "conversations", "clear_history",
        "offline_delivery", "resume", "resume_revoked_token", "get_avatar", "set_avatar_invalid",
        "ping_pong", "typing", "edit_and_react", "mark_read", "set_presence",
        "wrong_password", "malformed_json", "field_errors", "unknown_type", "oversized_frame",
        "huge_unsigned_length", "empty_frame", "split_frames",
        "sticker_set", "hello_again_when_logged_in", "text_limits", "history_limit_clamp",
        "decode_rules", "too_many_errors", "server_only_types", "tls12_refused", "busy_during_login",
        "room", "search", "logout_login_again",
        "file_chunked", "file_resume", "upload_begin_other_size", "file_corrupt", "file_limits", "picture", "raw_transfer", "raw_stale_ticket_and_overrun",
        "room_manage", "rooms_paging_and_archive", "reply_edit_react_delete", "mentions", "peers",
        "send_rate_limit",
    ]

    def run(self) -> int:
        passed = failed = skipped = 0
        for name in self.CHECKS:
            try:
                getattr(self, "check_" + name)()
            except Skipped as why:
                skipped += 1
                print(f"skip {name}: {why}", flush=True)
            except Exception as exc:            # every failure is reported, the run goes on
                failed += 1
                print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
            else:
                passed += 1
                print(f"ok {name}", flush=True)
        for c in [self.alice, self.bob, self.carol] + self.extra_conns:
            if c is not None:
                c.close()
        print(f"summary: {passed} passed, {failed} failed, {skipped} skipped")
        return 0 if failed == 0 else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="LAN Chat protocol scenario, written from PROTOCOL.md")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=7447)
    ap.add_argument("--fingerprint", required=True,
                    help="SHA-256 of the appliance certificate (hex, or colon-separated pairs)")
    ap.add_argument("--prefix", default="t" + uuid.uuid4().hex[:6],
                    help="prepended to usernames so runs never collide")
    args = ap.parse_args(argv)
    args.fingerprint = normalize_fingerprint(args.fingerprint)
    print(f"pinning {args.fingerprint} (short code {short_code(args.fingerprint)})")
    return Scenario(args).run()


if __name__ == "__main__":
    sys.exit(main())
