package org.lanchat.client.view;

import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.InputEvent;
import javafx.util.Duration;
import org.lanchat.client.viewmodel.InputIdle;
import org.lanchat.client.viewmodel.LastInput;
import org.lanchat.client.viewmodel.PresenceViewModel;

/**
 * Reads the desktop's input idle time every few seconds and hands it to the presence view model, which goes away
 * and comes back by itself (PROTOCOL.md §7.20). The app's own key and mouse events are counted too, for a system
 * that cannot tell ({@link LastInput}). One per main window.
 */
final class IdleWatch {
    private static final Duration EVERY = Duration.seconds(5);

    private final Optional<InputIdle> desktop;
    private final LastInput app = new LastInput(System::nanoTime);
    private final EventHandler<InputEvent> touched = e -> app.touched();
    private Timeline ticking;

    /** @param desktop the system's idle time ({@link org.lanchat.client.desktop.SystemInputIdle}), if it has one */
    IdleWatch(Optional<InputIdle> desktop) {
        this.desktop = desktop;
    }

    /** Counts input in {@code scene} (the main window's, for its whole life). */
    void attach(Scene scene) {
        scene.addEventFilter(InputEvent.ANY, touched);
    }

    /** From now on, tells {@code model} how long the user has been idle. */
    void follow(PresenceViewModel model) {
        stop();
        ticking = new Timeline(new KeyFrame(EVERY, e -> model.idleFor(desktop.flatMap(InputIdle::idle).or(app::idle).orElseThrow())));
        ticking.setCycleCount(Timeline.INDEFINITE);
        ticking.play();
    }

    void stop() {
        if (ticking != null) {
            ticking.stop();
            ticking = null;
        }
    }
}
