package org.lanchat.client.emoji;

/** A piece of message text: plain characters, or one emoji the image set can draw. */
public sealed interface TextRun {
    record Plain(String text) implements TextRun {
    }

    record Picture(Emoji emoji, String text) implements TextRun {
    }
}
