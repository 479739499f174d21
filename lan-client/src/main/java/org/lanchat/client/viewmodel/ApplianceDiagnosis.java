package org.lanchat.client.viewmodel;

import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.DiagnosticsService;
import org.lanchat.discovery.locate.DiagnosticReport;
import org.lanchat.discovery.locate.DiagnosticReport.Check;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;

/**
 * "Why can't I find the appliance?": the start window's diagnosis panel, layer by layer (multicast, TCP
 * port, certificate), in plain words and with advice on what to do next.
 *
 * <p>It is kept apart from choosing and trusting an appliance because it only reads the network: whatever
 * it finds, it never connects, trusts or changes the choice.
 */
final class ApplianceDiagnosis {
    private final ApplianceDirectory directory;
    private final DiagnosticsService diagnostics;
    private final Executor ui;
    private final Executor background;
    private final ObservableList<DiagnosisLine> lines = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final StringProperty advice = new SimpleStringProperty("");
    private final StringProperty report = new SimpleStringProperty("");

    ApplianceDiagnosis(ApplianceDirectory directory, DiagnosticsService diagnostics, Executor ui, Executor background) {
        this.directory = directory;
        this.diagnostics = diagnostics;
        this.ui = ui;
        this.background = background;
    }

    ObservableList<DiagnosisLine> lines() {
        return lines;
    }

    BooleanProperty runningProperty() {
        return running;
    }

    BooleanProperty shownProperty() {
        return shown;
    }

    StringProperty adviceProperty() {
        return advice;
    }

    StringProperty reportProperty() {
        return report;
    }

    /**
     * Checks the typed address if there is one, otherwise {@code chosen}; with neither, the diagnostics look
     * for one through discovery.
     */
    void run(String typed, Optional<ApplianceChoice> chosen) {
        if (running.get()) {
            return;
        }
        running.set(true);
        shown.set(true);
        lines.clear();
        report.set("");
        advice.set("Listening for appliances on the network and checking the connection…");
        background.execute(() -> {
            Optional<ApplianceChoice> target = chosen;
            String typedProblem = null;
            if (typed != null && !typed.isBlank()) {
                try {
                    target = Optional.of(directory.manual(typed));
                } catch (IllegalArgumentException e) {
                    typedProblem = e.getMessage();
                }
            }
            try {
                DiagnosticReport found = diagnostics.diagnose(target);
                String problem = typedProblem;
                ui.execute(() -> show(found, problem));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ui.execute(() -> failed("it was interrupted"));
            } catch (RuntimeException e) {
                ui.execute(() -> failed(e.getMessage()));
            }
        });
    }

    void close() {
        shown.set(false);
    }

    private void failed(String why) {
        running.set(false);
        advice.set("The check could not run: " + why + ".");
    }

    private void show(DiagnosticReport found, String typedProblem) {
        running.set(false);
        report.set(found.describe());
        lines.setAll(
                line("Finding appliances on the network (multicast DNS)", found.multicast(),
                        "Multicast answers arrive", "No multicast answers arrive", "Multicast was not tried"),
                line("Reaching the appliance (TCP)", found.tcp(),
                        "The appliance's port is reachable", "The appliance's port cannot be reached", "Not checked"),
                // Not run after a reachable port means a first contact: nothing is pinned to compare with.
                line("Checking its certificate (TLS)", found.tls(),
                        "Its certificate matches the trusted one", "Its certificate does not match",
                        found.tcpReachable() ? "Nothing is trusted yet" : "Not checked"));
        advice.set((typedProblem != null ? "The typed address does not work: " + typedProblem + ". " : "")
                + advice(found));
    }

    private static DiagnosisLine line(String layer, Check check, String passed, String failed, String notRun) {
        String headline = switch (check.outcome()) {
            case PASSED -> passed;
            case FAILED -> failed;
            case NOT_RUN -> notRun;
        };
        String detail = check.detail();
        String explanation = detail.isEmpty() ? "" : Character.toUpperCase(detail.charAt(0)) + detail.substring(1)
                + (detail.endsWith(".") || detail.endsWith("?") ? "" : ".");
        return new DiagnosisLine(layer, check.outcome(), headline, explanation);
    }

    private static String advice(DiagnosticReport report) {
        if (report.tls().outcome() == Outcome.FAILED) {
            return "Do not connect: the appliance presents a certificate this computer does not trust, or something "
                    + "intercepts the connection. Tell your administrator.";
        }
        if (report.tcp().outcome() == Outcome.FAILED) {
            return "The appliance does not answer on its port. Check that it is running, and that no firewall between "
                    + "this computer and the appliance blocks its TCP port (7447 unless your administrator changed it).";
        }
        if (report.tcp().outcome() == Outcome.NOT_RUN) {
            // The address field is on the start window, under the list and hidden by this panel while it is open.
            return "No appliance answered, so there was nothing to connect to. Close this panel, type the address "
                    + "your administrator gives you (for example 192.168.1.20) in the address field under the list, "
                    + "and connect or check again.";
        }
        if (!report.multicastAnswersSeen()) {
            return "The appliance works, but automatic discovery does not reach this computer (multicast is blocked "
                    + "or the appliance is on another subnet). Connect with its address: LAN Chat remembers it for next time.";
        }
        if (report.tls().outcome() == Outcome.NOT_RUN) {
            return "The appliance answers. When you connect, compare its code with your administrator's before trusting it.";
        }
        return "Everything works: choose the appliance and connect.";
    }
}
