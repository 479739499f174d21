package org.lanchat.protocol.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.ClientMessage;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.DirectMessage;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.PeerCredential;
import org.lanchat.protocol.message.PeerLinkMessage;
import org.lanchat.protocol.message.PeerMessage;
import org.lanchat.protocol.message.PeerRequest;
import org.lanchat.protocol.message.ServerMessage;

/** The peer credential as PROTOCOL §5.14, §6.14 and §7.13 write it. */
class PeerCredentialWireTest {
    private static final String SPEC_KEY = "MCowBQYDK2VwAyEArD8jmnEZFI9qCPoiDItUQ7i+yCY3KZ+TLiQwJur7sWk=";
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    @Test
    void theSignedTextIsTheFiveLinesOfTheSpecEachEndedByALineFeed() {
        byte[] key = Base64.getDecoder().decode(SPEC_KEY);

        String signed = new String(PeerCredential.signedBytes("alice", key, 1764806400000L, 1765411200000L),
                StandardCharsets.UTF_8);

        assertThat(signed).isEqualTo("lanchat-peer-credential-1\nalice\n" + SPEC_KEY + "\n1764806400000\n1765411200000\n");
    }

    @Test
    void aDirectMessagesSignedTextIsTheSpecsWorkedExampleWithNoLineFeedAfterTheLastLine() {
        String text = new String(DirectMessage.signedBytes("alice", "5f0c7a3e-2b1d-4c8e-9a6f-0d1e2f3a4b5c",
                Conversation.GROUP, "the appliance was down\nstill here", null, 1764806400000L), StandardCharsets.UTF_8);
        String sticker = new String(DirectMessage.signedBytes("alice", "5f0c7a3e-2b1d-4c8e-9a6f-0d1e2f3a4b5c",
                Conversation.of("@bob"), null, "thumbs_up", 1764806400000L), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("""
                lanchat-direct-message-1
                alice
                5f0c7a3e-2b1d-4c8e-9a6f-0d1e2f3a4b5c
                group
                1764806400000
                text
                the appliance was down
                still here""");
        assertThat(sticker).endsWith("\n@bob\n1764806400000\nsticker\nthumbs_up");
    }

    @Test
    void theSpecsExampleRequestDecodesToAnEd25519Key() throws GeneralSecurityException {
        ClientMessage request = codec.decodeClient(("{\"type\":\"peer_credential\",\"id\":\"15\",\"publicKey\":\"" + SPEC_KEY
                + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(request).isInstanceOfSatisfying(PeerRequest.PeerCredentialRequest.class, r ->
                assertThat(r.publicKey()).isEqualTo(Base64.getDecoder().decode(SPEC_KEY)));
        assertThat(PeerCredentials.peerKey(((PeerRequest.PeerCredentialRequest) request).publicKey()).getAlgorithm())
                .isIn("Ed25519", "EdDSA");
    }

    @Test
    void aKeyLargerThan1024BytesIsAShapeErrorAndAMissingKeyAMissingField() {
        String big = Base64.getEncoder().encodeToString(new byte[1025]);
        assertThatThrownBy(() -> codec.decodeClient(("{\"type\":\"peer_credential\",\"id\":\"1\",\"publicKey\":\"" + big
                + "\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
        assertThatThrownBy(() -> codec.decodeClient("{\"type\":\"peer_credential\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD));
    }

    @Test
    void theReplyCarriesTheCredentialAsOneObjectWithEveryMember() throws Exception {
        byte[] key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        PeerCredential credential = new PeerCredential("alice", key, 1L, 2L, new byte[] {1, 2}, new byte[] {3});

        String json = new String(codec.encodeBody(new PeerLinkMessage.PeerCredentialIssued("15", credential)),
                StandardCharsets.UTF_8);
        ServerMessage back = codec.decodeServer(json.getBytes(StandardCharsets.UTF_8));

        assertThat(json).startsWith("{\"type\":\"peer_credential\",\"id\":\"15\",\"credential\":{\"username\":\"alice\",")
                .contains("\"issuedAt\":1,\"expiresAt\":2,\"certificate\":\"AQI=\",\"signature\":\"Aw==\"");
        assertThat(back).isInstanceOfSatisfying(PeerLinkMessage.PeerCredentialIssued.class, issued -> {
            assertThat(issued.credential().username()).isEqualTo("alice");
            assertThat(issued.credential().publicKey()).isEqualTo(key);
        });
    }

    @Test
    void aCredentialWhoseCertificateIsNotThePinnedOneIsAnotherAppliancesWhateverElseItHolds() {
        PeerCredential credential = new PeerCredential("alice", new byte[] {1}, 1L, 2L, "not a certificate".getBytes(
                StandardCharsets.UTF_8), new byte[] {3});
        CertificateFingerprint pinned = CertificateFingerprint.ofDer("the pinned certificate".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PeerCredentials.verify(credential, pinned, Instant.now()))
                .isInstanceOfSatisfying(UntrustedPeerException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedPeerException.Reason.OTHER_APPLIANCE));
    }

    @Test
    void aPinnedButUnreadableCertificateOrKeyIsMalformed() {
        byte[] certificate = "the pinned certificate".getBytes(StandardCharsets.UTF_8);
        PeerCredential credential = new PeerCredential("alice", new byte[] {1}, 1L, 2L, certificate, new byte[] {3});

        assertThatThrownBy(() -> PeerCredentials.verify(credential, CertificateFingerprint.ofDer(certificate),
                Instant.now()))
                .isInstanceOfSatisfying(UntrustedPeerException.class,
                        e -> assertThat(e.reason()).isEqualTo(UntrustedPeerException.Reason.MALFORMED));
    }

    @Test
    void overAPeerLinkOnlyPeerHelloDirectAndDirectAckDecode() throws Exception {
        byte[] key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        PeerCredential credential = new PeerCredential("alice", key, 1L, 2L, new byte[] {1, 2}, new byte[] {3});
        DirectMessage direct = new DirectMessage("m-1", Conversation.GROUP, "hi", null, 5L, new byte[] {4});

        PeerMessage hello = codec.decodePeer(codec.encodeBody(new PeerMessage.PeerHello(1, credential)));
        PeerMessage message = codec.decodePeer(codec.encodeBody(new PeerMessage.Direct(direct)));

        assertThat(hello).isInstanceOfSatisfying(PeerMessage.PeerHello.class, h -> assertThat(h.credential().username()).isEqualTo("alice"));
        assertThat(message).isInstanceOfSatisfying(PeerMessage.Direct.class, d -> {
            assertThat(d.message().text()).isEqualTo("hi");
            assertThat(new String(d.message().signedBytes("alice"), StandardCharsets.UTF_8))
                    .isEqualTo("lanchat-direct-message-1\nalice\nm-1\ngroup\n5\ntext\nhi");
        });
        assertThat(codec.decodePeer("{\"type\":\"direct_ack\",\"clientMsgId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8)))
                .as("the spec's direct_ack example")
                .isEqualTo(new PeerMessage.DirectAck("m-1"));
        assertThatThrownBy(() -> codec.decodePeer("{\"type\":\"send\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8)))
                .as("a request to the appliance is no peer message")
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    }
}
