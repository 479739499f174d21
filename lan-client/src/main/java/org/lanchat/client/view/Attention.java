package org.lanchat.client.view;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.stage.Stage;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.lanchat.client.core.ChatEntry;
import org.lanchat.client.viewmodel.ChatViewModel;

/**
 * Calls the user's attention to messages that arrive while the window is not focused: the count goes into
 * the window title (which the taskbar shows) and a short chime plays. Both stop when the window gets focus.
 *
 * <p>One per main window, for its whole life: each login hands it the new chat with {@link #follow}, so the
 * window's focus is listened to once however often the user logs in.
 */
final class Attention {
    private static final AtomicInteger PLAYING = new AtomicInteger();
    private final ReadOnlyBooleanProperty focused;
    private final Consumer<String> setTitle;
    private ChatViewModel chat;
    private String title = "";
    private int unseen;

    Attention(Stage stage) {
        this(stage.focusedProperty(), stage::setTitle);
    }

    /** @param focused whether the window has the focus; {@code setTitle} sets its title */
    Attention(ReadOnlyBooleanProperty focused, Consumer<String> setTitle) {
        this.focused = focused;
        this.setTitle = setTitle;
        focused.addListener((o, was, now) -> {
            if (now && unseen > 0) {
                unseen = 0;
                setTitle.accept(title);
            }
        });
    }

    /** From now on, counts the messages of {@code next} under the window title {@code windowTitle}. */
    void follow(ChatViewModel next, String windowTitle) {
        stop();
        chat = next;
        title = windowTitle;
        unseen = 0;
        next.windowFocusedProperty().bind(focused);
        next.setOnAttention(this::arrived);
    }

    /** Stops counting: the window shows something other than the chat (login after logging out, say). */
    void stop() {
        if (chat != null) {
            chat.windowFocusedProperty().unbind();
            chat.setOnAttention(entry -> { });
            chat = null;
        }
        unseen = 0;
    }

    private void arrived(ChatEntry entry) {
        if (focused.get()) {
            return;
        }
        unseen++;
        setTitle.accept("(" + unseen + ") " + title);
        chime();
    }

    /** A 120 ms two-tone chime, synthesised: no sound file, and silence where there is no audio device. */
    static void chime() {
        if (PLAYING.getAndIncrement() > 0) {
            PLAYING.decrementAndGet();
            return;
        }
        Thread.ofVirtual().name("lanchat-chime").start(() -> {
            try {
                float rate = 22_050f;
                byte[] samples = new byte[(int) (rate * 0.12)];
                for (int i = 0; i < samples.length; i++) {
                    double t = i / rate;
                    double frequency = i < samples.length / 2 ? 880 : 1320;
                    double envelope = Math.min(1, Math.min(i, samples.length - i) / (rate * 0.01));
                    samples[i] = (byte) (Math.sin(2 * Math.PI * frequency * t) * 60 * envelope);
                }
                AudioFormat format = new AudioFormat(rate, 8, 1, true, false);
                try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
                    line.open(format);
                    line.start();
                    line.write(samples, 0, samples.length);
                    line.drain();
                }
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                // No audio device: the title still shows the count.
            } finally {
                PLAYING.decrementAndGet();
            }
        });
    }
}
