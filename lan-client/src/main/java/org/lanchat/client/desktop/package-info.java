/**
 * Living on the desktop beyond the window: the tray icon that keeps LAN Chat running when the window is closed,
 * and "start when I log in" (an XDG autostart entry on Linux, the Run key on Windows), and how long the user's
 * input has been idle on the whole desktop, for automatic away.
 */
package org.lanchat.client.desktop;
