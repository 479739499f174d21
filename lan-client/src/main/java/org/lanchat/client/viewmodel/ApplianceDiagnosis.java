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
import org.lanchat.client.i18n.Texts;
import org.lanchat.discovery.locate.DiagnosticReport;
import org.lanchat.discovery.locate.DiagnosticReport.Check;
import org.lanchat.discovery.locate.DiagnosticReport.Finding;
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
        advice.set(Texts.text("diagnosis.running"));
        background.execute(() -> {
            Optional<ApplianceChoice> target = chosen;
            String typedProblem = null;
            if (typed != null && !typed.isBlank()) {
                try {
                    target = Optional.of(directory.manual(typed));
                } catch (IllegalArgumentException e) {
                    typedProblem = Failures.describe(e);
                }
            }
            try {
                DiagnosticReport found = diagnostics.diagnose(target);
                String problem = typedProblem;
                ui.execute(() -> show(found, problem));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ui.execute(() -> failed(Texts.text("diagnosis.interrupted")));
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
        advice.set(Texts.text("diagnosis.couldNotRun", why));
    }

    private void show(DiagnosticReport found, String typedProblem) {
        running.set(false);
        report.set(found.describe());
        lines.setAll(
                line(Texts.text("diagnosis.multicast.layer"), found.multicast(),
                        Texts.text("diagnosis.multicast.passed"), Texts.text("diagnosis.multicast.failed"),
                        Texts.text("diagnosis.multicast.notRun")),
                line(Texts.text("diagnosis.tcp.layer"), found.tcp(),
                        Texts.text("diagnosis.tcp.passed"), Texts.text("diagnosis.tcp.failed"),
                        Texts.text("diagnosis.notChecked")),
                // Not run after a reachable port means a first contact: nothing is pinned to compare with.
                line(Texts.text("diagnosis.tls.layer"), found.tls(),
                        Texts.text("diagnosis.tls.passed"), Texts.text("diagnosis.tls.failed"),
                        found.tcpReachable() ? Texts.text("diagnosis.tls.nothingTrusted") : Texts.text("diagnosis.notChecked")));
        advice.set(typedProblem != null ? Texts.text("diagnosis.typedAddressFailed", typedProblem, advice(found)) : advice(found));
    }

    private static DiagnosisLine line(String layer, Check check, String passed, String failed, String notRun) {
        String headline = switch (check.outcome()) {
            case PASSED -> passed;
            case FAILED -> failed;
            case NOT_RUN -> notRun;
        };
        return new DiagnosisLine(layer, check.outcome(), headline, explanation(check));
    }

    /** What the check found, in the bundle's words; the English detail is for the copied report. */
    static String explanation(Check check) {
        if (check.finding() == Finding.OTHER) {
            String detail = check.detail();
            return detail.isEmpty() ? "" : Character.toUpperCase(detail.charAt(0)) + detail.substring(1)
                    + (detail.endsWith(".") || detail.endsWith("?") ? "" : ".");
        }
        String key = "coreTexts.diagnosis." + check.finding().name();
        return Texts.text(key, check.arguments().toArray());
    }

    private static String advice(DiagnosticReport report) {
        if (report.tls().outcome() == Outcome.FAILED) {
            return Texts.text("diagnosis.advice.tlsFailed");
        }
        if (report.tcp().outcome() == Outcome.FAILED) {
            return Texts.text("diagnosis.advice.tcpFailed");
        }
        if (report.tcp().outcome() == Outcome.NOT_RUN) {
            // The address field is on the start window, under the list and hidden by this panel while it is open.
            return Texts.text("diagnosis.advice.noAnswer");
        }
        if (!report.multicastAnswersSeen()) {
            return Texts.text("diagnosis.advice.noMulticast");
        }
        if (report.tls().outcome() == Outcome.NOT_RUN) {
            return Texts.text("diagnosis.advice.firstContact");
        }
        return Texts.text("diagnosis.advice.allGood");
    }
}
