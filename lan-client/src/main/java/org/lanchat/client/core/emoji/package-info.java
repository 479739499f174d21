/**
 * The emoji the client can draw in colour: the index of the image set the build takes from the npm
 * registry (see {@code THIRD-PARTY.md}), and the split of message text into plain runs and emoji. Drawing
 * the images is the view's job; this package only knows keys.
 */
package org.lanchat.client.core.emoji;
