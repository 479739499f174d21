/**
 * The JavaFX views: each builds its controls, binds them to a view-model and forwards user actions to it;
 * no logic and no I/O here. {@link org.lanchat.client.view.LanChatApp} is the application,
 * {@link org.lanchat.client.view.Navigator} moves between the windows, {@link org.lanchat.client.view.ClientServices}
 * wires the core for one run.
 */
package org.lanchat.client.view;
