package org.lanchat.client.soak;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.stage.Window;
import org.lanchat.client.view.LanChatApp;

/**
 * The desktop app as {@link ClientSoak} measures it: {@link LanChatApp} unchanged, plus a thread that types the
 * user's name and password into the login window once it shows (the password comes in the environment
 * variable {@code LANCHAT_SOAK_PASSWORD}) and prints {@value #LOGGED_IN} when the chat window is there.
 */
public final class SoakClient {
    static final String LOGGED_IN = "SOAK-LOGGED-IN";

    private SoakClient() {
    }

    public static void main(String[] args) {
        String user = System.getenv("LANCHAT_SOAK_USER");
        String password = System.getenv("LANCHAT_SOAK_PASSWORD");
        Thread.ofPlatform().daemon().name("soak-login").start(() -> logIn(user, password));
        Application.launch(LanChatApp.class, args);
    }

    private static void logIn(String user, String password) {
        try {
            await(() -> find("#username") != null);
            onFx(() -> {
                ((TextInputControl) find("#username")).setText(user);
                ((TextInputControl) find("#password")).setText(password);
                ((Button) find("#login")).fire();
            });
            await(() -> find("#draft") != null);
            System.out.println(LOGGED_IN);
            System.out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Node find(String query) {
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null && window.getScene().getRoot().lookup(query) instanceof Node node) {
                return node;
            }
        }
        return null;
    }

    private interface Check {
        boolean met();
    }

    /** Polls on the FX thread every 200 ms: this runs once, at start-up, in a program that is not a test. */
    private static void await(Check check) throws InterruptedException {
        while (true) {
            AtomicBoolean met = new AtomicBoolean();
            onFx(() -> met.set(check.met()));
            if (met.get()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void onFx(Runnable work) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        try {
            Platform.runLater(() -> {
                try {
                    work.run();
                } finally {
                    done.countDown();
                }
            });
        } catch (IllegalStateException notYetStarted) {
            TimeUnit.MILLISECONDS.sleep(200);
            return;
        }
        done.await();
    }
}
