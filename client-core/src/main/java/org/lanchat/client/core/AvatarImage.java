package org.lanchat.client.core;

/**
 * A user's avatar as the appliance serves it: a square PNG ({@code avatarSize} pixels).
 *
 * @param hash      identifies the picture; unchanged hash, unchanged picture
 * @param generated true for the pattern users get until they choose a picture
 */
public record AvatarImage(String username, String hash, String contentType, byte[] image, boolean generated) {
}
