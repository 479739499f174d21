package org.lanchat.appliance.chat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lanchat.protocol.message.SessionMessage.Sticker;

/**
 * The ten stickers of the original chat room, as codes. The appliance announces them in {@code welcome};
 * clients draw each from its emoji (as a large image), so the set needs no image files here.
 */
public final class Stickers {
    public static final List<Sticker> ALL = List.of(
            new Sticker("smile", "\uD83D\uDE00", "Smile"),
            new Sticker("laugh", "\uD83D\uDE02", "Tears of joy"),
            new Sticker("wink", "\uD83D\uDE09", "Wink"),
            new Sticker("love", "\uD83D\uDE0D", "Heart eyes"),
            new Sticker("cool", "\uD83D\uDE0E", "Cool"),
            new Sticker("surprised", "\uD83D\uDE2E", "Surprised"),
            new Sticker("sad", "\uD83D\uDE22", "Crying"),
            new Sticker("angry", "\uD83D\uDE20", "Angry"),
            new Sticker("thumbs_up", "\uD83D\uDC4D", "Thumbs up"),
            new Sticker("party", "\uD83C\uDF89", "Party"));

    private static final Map<String, Sticker> BY_CODE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Sticker::code, Function.identity()));

    private Stickers() {
    }

    public static boolean exists(String code) {
        return BY_CODE.containsKey(code);
    }
}
