package org.lanchat.client.emoji;

/**
 * One emoji of the image set.
 *
 * @param key       the code points in lower-case hex joined by '-' ({@code 1f600}, {@code 2764-fe0f}); also the
 *                  image's file name
 * @param shortName e.g. {@code grinning}
 * @param category  e.g. {@code Smileys & Emotion}
 * @param sortOrder the set's own order, within and across categories
 */
public record Emoji(String key, String shortName, String category, int sortOrder) {

    /** The emoji as text, to insert into a message. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (String hex : key.split("-")) {
            text.appendCodePoint(Integer.parseInt(hex, 16));
        }
        return text.toString();
    }

    /** The resource path of its 64 px image. */
    public String imagePath() {
        return EmojiCatalog.IMAGE_DIRECTORY + key + ".png";
    }
}
