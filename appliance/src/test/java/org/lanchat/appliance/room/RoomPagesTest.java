package org.lanchat.appliance.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanchat.protocol.frame.FrameLimits;
import org.lanchat.protocol.message.Conversation;
import org.lanchat.protocol.message.MessageCodec;
import org.lanchat.protocol.message.RoomMessage.RoomInfo;
import org.lanchat.protocol.message.RoomMessage.RoomList;
import org.lanchat.protocol.message.RoomMessage.RoomMembers;
import org.lanchat.protocol.message.RoomsCursor;

/**
 * PROTOCOL.md §5.28 and §5.35 "Page size": the sizes RoomPages counts with are those the codec really writes for the
 * longest strings of the costliest characters, and a full page of such entries fits the frame it was sized for.
 */
class RoomPagesTest {
    private static final MessageCodec CODEC = new MessageCodec(FrameLimits.DEFAULT);
    /** 6 bytes a UTF-16 unit: a character outside the BMP is written as an escaped surrogate pair. */
    private static final String EMOJI = "\uD83D\uDE00";
    private static final String LONGEST_ID = EMOJI.repeat(32);
    private static final long LONGEST_ROOM_ID = 999_999_999_999_999_999L;
    private static final String LONGEST_USER = "u".repeat(32);

    private static RoomInfo worstRoom() {
        // A name of 64 and a topic of 250 units as sent, each tripled by NFC, every unit half of an escaped pair.
        return new RoomInfo(Conversation.room(LONGEST_ROOM_ID), EMOJI.repeat(96), EMOJI.repeat(375), "private",
                LONGEST_USER, Integer.MAX_VALUE, false);
    }

    private static RoomList page(int rooms) {
        RoomInfo worst = worstRoom();
        return new RoomList(LONGEST_ID, Collections.nCopies(rooms, worst), List.of(), true,
                new RoomsCursor(true, LONGEST_ROOM_ID, worst.name()).format());
    }

    @Test
    void theCountedSizesAreWhatTheCodecWrites() {
        int one = CODEC.encodeBody(page(1)).length;
        int two = CODEC.encodeBody(page(2)).length;
        assertThat(two - one).as("one more room and its comma").isEqualTo(RoomPages.ROOM_BYTES + 1);
        assertThat(one).isEqualTo(RoomPages.ROOMS_ENVELOPE_BYTES + RoomPages.ROOM_BYTES);

        List<String> members = new ArrayList<>(Collections.nCopies(2, LONGEST_USER));
        int oneMember = CODEC.encodeBody(new RoomMembers(LONGEST_ID, Conversation.room(LONGEST_ROOM_ID), LONGEST_USER,
                members.subList(0, 1), true)).length;
        int twoMembers = CODEC.encodeBody(new RoomMembers(LONGEST_ID, Conversation.room(LONGEST_ROOM_ID), LONGEST_USER,
                members, true)).length;
        assertThat(twoMembers - oneMember).isEqualTo(RoomPages.MEMBER_BYTES);
        assertThat(oneMember).isEqualTo(RoomPages.MEMBERS_ENVELOPE_BYTES + RoomPages.MEMBER_BYTES - 1);
    }

    @ParameterizedTest(name = "maxFrameBytes {0}")
    @ValueSource(ints = {8_000, 65_536, 583_426, 583_427, 1_048_576})
    void aFullPageOfTheLongestRoomsFitsTheFrameItWasSizedFor(int maxFrameBytes) {
        RoomPages pages = RoomPages.forFrames(maxFrameBytes);
        assertThat(CODEC.encodeBody(page(pages.rooms())).length).isLessThanOrEqualTo(maxFrameBytes);
        assertThat(pages.rooms()).isBetween(1, 100);
        assertThat(CODEC.encodeBody(new RoomMembers(LONGEST_ID, Conversation.room(LONGEST_ROOM_ID), LONGEST_USER,
                Collections.nCopies(pages.members(), LONGEST_USER), true)).length).isLessThanOrEqualTo(maxFrameBytes);
    }

    @Test
    void theDefaultFrameHoldsTheMostOfEachAndTheSmallestAtLeastOne() {
        assertThat(RoomPages.forFrames(1_048_576)).isEqualTo(new RoomPages(100, 1000));
        assertThat(RoomPages.forFrames(1_024)).isEqualTo(new RoomPages(1, 14));
        assertThat(RoomPages.forFrames(1_048_576).rooms(7)).as("a smaller limit asked for").isEqualTo(7);
        assertThat(RoomPages.forFrames(1_048_576).rooms(5_000)).as("a larger one is reduced").isEqualTo(100);
    }
}
