package org.lanchat.appliance.relay;

import java.util.ArrayList;
import java.util.List;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.ProtocolException;
import org.lanchat.protocol.message.Message;
import org.lanchat.protocol.message.MessageCodec;

/**
 * Encodes a message about a list of users as one frame, or, when it would be larger than the appliance's
 * {@code maxFrameBytes}, as consecutive frames each about a run of the list (the parts of a {@code roster} and of a
 * {@code presence} change, PROTOCOL.md §6.6, §6.7). Who is online has no bound of its own: a few thousand people with
 * long display names and status texts outgrow any one frame, and a frame the appliance cannot send would leave every
 * client with a wrong list.
 *
 * <p>The list is halved until each run fits, so the parts keep its order and are few: about as many as the whole
 * is larger than one frame. A single user whose entry alone does not fit, which only a {@code maxFrameBytes} near
 * its minimum allows, is sent {@linkplain Detail#LEAN lean}.
 */
public final class FramedParts {
    /** How much of each user a part tells. */
    public enum Detail {
        /** Everything the message carries. */
        FULL,
        /** Without display names and status texts: the login name and the state always fit. */
        LEAN
    }

    /** A run of the whole list, {@code all.subList(from, to)}, with where it stands in it. */
    public record Run<T>(List<T> all, int from, int to) {
        public List<T> items() {
            return all.subList(from, to);
        }

        /** The items the parts before this one told. */
        public List<T> before() {
            return all.subList(0, from);
        }

        public boolean last() {
            return to == all.size();
        }
    }

    /** Builds the message for one run. */
    @FunctionalInterface
    public interface PartBuilder<T> {
        Message part(Run<T> run, Detail detail);
    }

    private FramedParts() {
    }

    /** The frames, in order: one when the whole list fits (an empty list makes one part as well). */
    public static <T> List<byte[]> encode(List<T> all, PartBuilder<T> builder, MessageCodec codec) {
        List<byte[]> frames = new ArrayList<>(1);
        encode(new Run<>(List.copyOf(all), 0, all.size()), builder, codec, frames);
        return frames;
    }

    private static <T> void encode(Run<T> run, PartBuilder<T> builder, MessageCodec codec, List<byte[]> frames) {
        byte[] whole = fitting(builder.part(run, Detail.FULL), codec);
        if (whole != null) {
            frames.add(whole);
        } else if (run.to() - run.from() > 1) {
            int middle = (run.from() + run.to()) >>> 1;
            encode(new Run<>(run.all(), run.from(), middle), builder, codec, frames);
            encode(new Run<>(run.all(), middle, run.to()), builder, codec, frames);
        } else {
            // A login name is at most 32 ASCII characters and a state a word: lean, one user fits the smallest frame.
            frames.add(codec.encodeFrame(builder.part(run, Detail.LEAN)));
        }
    }

    /** The frame, or null when it would exceed {@code maxFrameBytes}. */
    private static byte[] fitting(Message message, MessageCodec codec) {
        try {
            return codec.encodeFrame(message);
        } catch (ProtocolException e) {
            if (e.code() != ErrorCode.FRAME_TOO_LARGE) {
                throw e;
            }
            return null;
        }
    }
}
