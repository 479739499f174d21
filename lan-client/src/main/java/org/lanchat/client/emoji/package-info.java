/**
 * The emoji the client can draw in colour: the index of the image set the build takes from the npm
 * registry (see {@code THIRD-PARTY.md}), and the split of message text into plain runs and emoji. Drawing
 * the images is the view's job; this package only knows keys. It lives with the desktop app rather than in
 * the client core because only the views use it and the index it reads is built into the app's jar (a
 * command line prints emoji as text and leaves drawing them to the terminal).
 */
package org.lanchat.client.emoji;
