/**
 * View-models: the state of each window in JavaFX properties and observable lists, and the actions the
 * views call. They talk to the core through {@link org.lanchat.client.core.ChatService} and the appliance
 * services, never block, and apply results on the UI executor they are given ({@code Platform::runLater} in
 * the app, the calling thread in tests). No scene graph here: that is the views' business (checked by an
 * ArchUnit test).
 */
package org.lanchat.client.viewmodel;
