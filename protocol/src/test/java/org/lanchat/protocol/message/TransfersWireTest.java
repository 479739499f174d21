package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.frame.FrameReader;
import org.lanchat.protocol.message.FileMessage.TransferReady;
import org.lanchat.protocol.message.FileMessage.TransferTicket;
import org.lanchat.protocol.message.FileRequest.Transfer;
import org.lanchat.protocol.message.FileRequest.TransferTicketRequest;

/** Raw transfers on the wire (PROTOCOL.md §5.40, §6.27, §6.28, §7.25), as the spec's examples write them. */
class TransfersWireTest {
    private static final String FILE = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private final MessageCodec codec = new MessageCodec(FrameLimits.DEFAULT);

    @Test
    void requestsDecodeAsTheSpecWritesThem() {
        assertThat(decode("{\"type\":\"transfer_ticket\",\"id\":\"60\",\"direction\":\"upload\",\"fileId\":\"" + FILE
                + "\",\"size\":33554432,\"mediaType\":\"video/mp4\"}"))
                .isEqualTo(TransferTicketRequest.upload("60", FILE, 33_554_432, "video/mp4"));
        assertThat(decode("{\"type\":\"transfer_ticket\",\"id\":\"61\",\"direction\":\"download\",\"conversation\":\"group\","
                + "\"seq\":57,\"offset\":0}"))
                .isEqualTo(TransferTicketRequest.download("61", Conversation.GROUP, 57, 0));
        assertThat(decode("{\"type\":\"transfer\",\"id\":\"1\",\"ticket\":\"q7mJb0h1n3vY4d0cVZ8xkQ2sW6tR9uPpLaE5fGiHjKo\"}"))
                .isEqualTo(new Transfer("1", "q7mJb0h1n3vY4d0cVZ8xkQ2sW6tR9uPpLaE5fGiHjKo"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"type\":\"transfer_ticket\",\"id\":\"1\",\"direction\":\"both\",\"fileId\":\"" + FILE + "\",\"size\":1}",
        "{\"type\":\"transfer_ticket\",\"id\":\"1\",\"direction\":\"upload\",\"fileId\":\"" + FILE + "\",\"size\":1,\"seq\":3}",
        "{\"type\":\"transfer_ticket\",\"id\":\"1\",\"direction\":\"upload\",\"fileId\":\"" + FILE + "\",\"size\":0}",
        "{\"type\":\"transfer_ticket\",\"id\":\"1\",\"direction\":\"download\",\"conversation\":\"group\",\"seq\":1,\"offset\":0,\"size\":5}",
        "{\"type\":\"transfer_ticket\",\"id\":\"1\",\"direction\":\"download\",\"conversation\":\"group\",\"seq\":0,\"offset\":0}",
        "{\"type\":\"transfer\",\"id\":\"1\",\"ticket\":\"\"}",
    })
    void aMixedUpOrOutOfRangeRequestIsInvalid(String json) {
        assertThatThrownBy(() -> decode(json)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void aMissingDirectionOrTicketIsMissing() {
        for (String json : new String[] {"{\"type\":\"transfer_ticket\",\"id\":\"1\",\"fileId\":\"" + FILE + "\",\"size\":1}",
                "{\"type\":\"transfer\",\"id\":\"1\"}"}) {
            assertThatThrownBy(() -> decode(json)).as(json).isInstanceOf(ProtocolException.class)
                    .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.MISSING_FIELD);
        }
    }

    @Test
    void repliesEncodeAsTheSpecWritesThem() {
        assertThat(encode(new TransferTicket("60", "upload", FILE, 33_554_432, 0, 33_554_432, false,
                "q7mJb0h1n3vY4d0cVZ8xkQ2sW6tR9uPpLaE5fGiHjKo", 60_000L)))
                .isEqualTo("{\"type\":\"transfer_ticket\",\"id\":\"60\",\"direction\":\"upload\",\"fileId\":\"" + FILE
                        + "\",\"size\":33554432,\"offset\":0,\"length\":33554432,\"complete\":false,"
                        + "\"ticket\":\"q7mJb0h1n3vY4d0cVZ8xkQ2sW6tR9uPpLaE5fGiHjKo\",\"expiresInMs\":60000}");
        assertThat(encode(new TransferTicket("62", "upload", FILE, 1000, 1000, 0, true, null, null)))
                .as("complete: no ticket, nothing to send")
                .isEqualTo("{\"type\":\"transfer_ticket\",\"id\":\"62\",\"direction\":\"upload\",\"fileId\":\"" + FILE
                        + "\",\"size\":1000,\"offset\":1000,\"length\":0,\"complete\":true}");
        assertThat(encode(new TransferReady("1", "download", FILE, 183_004, 0, 183_004)))
                .isEqualTo("{\"type\":\"transfer_ready\",\"id\":\"1\",\"direction\":\"download\",\"fileId\":\"" + FILE
                        + "\",\"size\":183004,\"offset\":0,\"length\":183004}");
        assertThat(new Transfer("1", "secret-ticket").toString()).doesNotContain("secret");
        assertThat(new TransferTicket("1", "upload", FILE, 1, 0, 1, false, "secret-ticket", 1L).toString())
                .doesNotContain("secret");
    }

    @Test
    void welcomeSaysWhetherRawTransfersAreOffered() {
        SessionMessage.Limits offered = new SessionMessage.Limits(1 << 20, 4000, 524288, 128, 200, 90, 104_857_600L, 524_288, true);
        assertThat(encode(new SessionMessage.Welcome("1", 1, "A", "1", offered, java.util.List.of())))
                .contains("\"chunkBytes\":524288,\"rawTransfers\":true}");
        SessionMessage.Welcome older = (SessionMessage.Welcome) codec.decodeServer(("{\"type\":\"welcome\",\"id\":\"1\","
                + "\"protocol\":1,\"applianceName\":\"A\",\"applianceVersion\":\"1\",\"limits\":{\"maxFrameBytes\":1048576,"
                + "\"maxTextChars\":4000,\"maxAvatarBytes\":524288,\"avatarSize\":128,\"historyPageMax\":200,"
                + "\"idleTimeoutSeconds\":90,\"maxFileBytes\":104857600,\"chunkBytes\":524288},\"stickers\":[]}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(older.limits().offersRawTransfers()).as("an appliance that does not say has none").isFalse();
    }

    @Test
    void oneFrameIsReadWithoutTakingAByteOfWhatFollows() throws IOException {
        byte[] frame = codec.encodeFrame(new TransferReady("1", "download", FILE, 3, 0, 3));
        byte[] stream = Arrays.copyOf(frame, frame.length + 3);
        stream[frame.length] = 7; // the raw bytes after the frame
        ByteArrayInputStream in = new ByteArrayInputStream(stream);

        assertThat(codec.decodeServer(FrameReader.readOne(in, FrameLimits.DEFAULT).orElseThrow())).isInstanceOf(TransferReady.class);
        assertThat(in.readAllBytes()).containsExactly(7, 0, 0);
        assertThat(FrameReader.readOne(new ByteArrayInputStream(new byte[0]), FrameLimits.DEFAULT)).isEmpty();
        assertThatThrownBy(() -> FrameReader.readOne(new ByteArrayInputStream(Arrays.copyOf(frame, 10)), FrameLimits.DEFAULT))
                .isInstanceOf(ProtocolException.class).extracting(e -> ((ProtocolException) e).code())
                .isEqualTo(ErrorCode.FRAME_TRUNCATED);
    }

    private ClientMessage decode(String json) {
        return codec.decodeClient(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encode(ServerMessage message) {
        return new String(codec.encodeBody(message), StandardCharsets.UTF_8);
    }
}
