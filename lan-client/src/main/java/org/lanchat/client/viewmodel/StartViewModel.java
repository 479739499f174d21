package org.lanchat.client.viewmodel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lanchat.client.core.appliance.ApplianceChoice;
import org.lanchat.client.core.appliance.ApplianceDirectory;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.core.appliance.TrustInspection.Verdict;
import org.lanchat.client.core.appliance.DiagnosticsService;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.discovery.locate.DiagnosticReport;
import org.lanchat.discovery.locate.DiagnosticReport.Check;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;

/**
 * Start-up: which appliance to use, and whether to trust it.
 *
 * <p>It connects by itself when the choice is obvious — the appliance used last time is on the network, or
 * exactly one appliance is — unless the user has started choosing. Otherwise the user picks one from the
 * list or types an address. Before anything is sent the certificate is inspected: a trusted one goes
 * straight on; a first contact or a new appliance asks the user to compare the short code; a changed
 * certificate is a hard warning that also needs the user to tick that they compared the code; a
 * certificate that differs from the one advertised is refused.
 *
 * <p>When nothing is found, {@link #diagnose} says why, layer by layer (multicast, TCP port, certificate),
 * in plain words and with advice on what to do next.
 */
public final class StartViewModel {
    private final ApplianceDirectory directory;
    private final TrustService trust;
    private final DiagnosticsService diagnostics;
    private final Executor ui;
    private final Executor background;
    private final Consumer<ApplianceChoice> onReady;
    private final ObservableList<ApplianceChoice> appliances = FXCollections.observableArrayList();
    private final ObjectProperty<ApplianceChoice> selected = new SimpleObjectProperty<>();
    private final StringProperty manualAddress = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("Looking for LAN Chat appliances on the network…");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<TrustInspection> pendingTrust = new SimpleObjectProperty<>();
    private final BooleanProperty codeCompared = new SimpleBooleanProperty();
    private final StringProperty trustTitle = new SimpleStringProperty("");
    private final StringProperty trustText = new SimpleStringProperty("");
    private final BooleanBinding canTrust;
    private final ObservableList<DiagnosisLine> diagnosis = FXCollections.observableArrayList();
    private final BooleanProperty diagnosing = new SimpleBooleanProperty();
    private final BooleanProperty diagnosisShown = new SimpleBooleanProperty();
    private final StringProperty diagnosisAdvice = new SimpleStringProperty("");
    private final StringProperty diagnosisReport = new SimpleStringProperty("");
    private Optional<ApplianceChoice> lastGood = Optional.empty();
    private List<ApplianceChoice> discovered = List.of();
    private boolean userChoosing;
    private boolean autoTried;

    public StartViewModel(ApplianceDirectory directory, TrustService trust, DiagnosticsService diagnostics, Executor ui,
            Executor background, Consumer<ApplianceChoice> onReady) {
        this.directory = directory;
        this.trust = trust;
        this.diagnostics = diagnostics;
        this.ui = ui;
        this.background = background;
        this.onReady = onReady;
        this.canTrust = Bindings.createBooleanBinding(() -> {
            TrustInspection inspection = pendingTrust.get();
            if (inspection == null || inspection.verdict() == Verdict.NOT_ADVERTISED) {
                return false;
            }
            return inspection.verdict() != Verdict.CHANGED || codeCompared.get();
        }, pendingTrust, codeCompared);
        manualAddress.addListener((o, was, now) -> {
            userChoosing = true;
            error.set("");
        });
    }

    public ObservableList<ApplianceChoice> appliances() {
        return appliances;
    }

    public ObjectProperty<ApplianceChoice> selectedProperty() {
        return selected;
    }

    public StringProperty manualAddressProperty() {
        return manualAddress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Non-null while the user must decide whether to trust an appliance's certificate. */
    public ObjectProperty<TrustInspection> pendingTrustProperty() {
        return pendingTrust;
    }

    /** For a changed certificate: the user ticks that they compared the new code with the administrator. */
    public BooleanProperty codeComparedProperty() {
        return codeCompared;
    }

    public StringProperty trustTitleProperty() {
        return trustTitle;
    }

    public StringProperty trustTextProperty() {
        return trustText;
    }

    public BooleanBinding canTrustProperty() {
        return canTrust;
    }

    /** The three checks of the last diagnosis, in order: multicast, TCP port, certificate. */
    public ObservableList<DiagnosisLine> diagnosis() {
        return diagnosis;
    }

    /** True while the diagnosis runs (a few seconds: it listens for multicast answers). */
    public BooleanProperty diagnosingProperty() {
        return diagnosing;
    }

    /** Whether the diagnosis panel is open. */
    public BooleanProperty diagnosisShownProperty() {
        return diagnosisShown;
    }

    /** What to do about what the diagnosis found, in one or two sentences. */
    public StringProperty diagnosisAdviceProperty() {
        return diagnosisAdvice;
    }

    /** The technical report, for the administrator or a support request. */
    public StringProperty diagnosisReportProperty() {
        return diagnosisReport;
    }

    /** Starts following discovery and looks up the appliance used last time. */
    public void start() {
        background.execute(() -> {
            Optional<ApplianceChoice> remembered = directory.lastGood();
            ui.execute(() -> {
                lastGood = remembered;
                refresh();
                directory.watch(list -> ui.execute(() -> {
                    discovered = list;
                    refresh();
                }));
            });
        });
    }

    /** The user is picking from the list: no automatic connection any more. */
    public void userIsChoosing() {
        userChoosing = true;
    }

    private void refresh() {
        List<ApplianceChoice> all = new ArrayList<>(discovered);
        lastGood.filter(cached -> discovered.stream().noneMatch(d -> sameAppliance(d, cached))).ifPresent(all::add);
        ApplianceChoice keep = selected.get();
        appliances.setAll(all);
        if (keep != null && all.contains(keep)) {
            selected.set(keep);
        } else if (!all.isEmpty()) {
            selected.set(preferred(all));
        }
        message.set(discovered.isEmpty()
                ? (lastGood.isPresent() ? "No appliance answered on the network yet; the one you used last time is listed."
                        : "Looking for LAN Chat appliances on the network… You can also type an address.")
                : discovered.size() == 1 ? "Found one appliance on the network." : "Found " + discovered.size() + " appliances: choose one.");
        autoConnect();
    }

    private ApplianceChoice preferred(List<ApplianceChoice> all) {
        return lastGood.flatMap(cached -> all.stream().filter(c -> sameAppliance(c, cached)).findFirst()).orElse(all.getFirst());
    }

    private void autoConnect() {
        if (autoTried || userChoosing || busy.get() || pendingTrust.get() != null) {
            return;
        }
        Optional<ApplianceChoice> again = lastGood.flatMap(cached -> discovered.stream().filter(d -> sameAppliance(d, cached)).findFirst());
        if (again.isPresent()) {
            autoTried = true;
            connect(again.get());
        } else if (discovered.size() == 1 && lastGood.isEmpty()) {
            autoTried = true;
            connect(discovered.getFirst());
        }
    }

    private static boolean sameAppliance(ApplianceChoice a, ApplianceChoice b) {
        return a.id().isPresent() && a.id().equals(b.id());
    }

    public void connectSelected() {
        userChoosing = true;
        ApplianceChoice choice = selected.get();
        if (choice == null) {
            error.set("Choose an appliance from the list, or type its address.");
            return;
        }
        connect(choice);
    }

    public void connectManual() {
        userChoosing = true;
        String typed = manualAddress.get();
        busy.set(true);
        error.set("");
        background.execute(() -> {
            try {
                ApplianceChoice choice = directory.manual(typed);
                ui.execute(() -> {
                    busy.set(false);
                    connect(choice);
                });
            } catch (IllegalArgumentException e) {
                ui.execute(() -> {
                    busy.set(false);
                    error.set(e.getMessage());
                });
            }
        });
    }

    /** Inspects the certificate, then goes on or asks the user. */
    public void connect(ApplianceChoice choice) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        error.set("");
        message.set("Checking " + choice.describe() + "…");
        background.execute(() -> {
            try {
                TrustInspection inspection = trust.inspect(choice);
                ui.execute(() -> {
                    busy.set(false);
                    if (inspection.needsConfirmation()) {
                        ask(inspection);
                    } else {
                        message.set("Connecting to " + choice.name() + "…");
                        onReady.accept(choice);
                    }
                });
            } catch (IOException e) {
                ui.execute(() -> {
                    busy.set(false);
                    error.set("Cannot reach " + choice.describe() + ": " + e.getMessage());
                });
            }
        });
    }

    private void ask(TrustInspection inspection) {
        String name = inspection.choice().name();
        String code = inspection.presented().shortCode();
        String expected = inspection.expected().orElse("");
        codeCompared.set(false);
        switch (inspection.verdict()) {
            case FIRST_CONTACT -> {
                trustTitle.set("First connection to " + name);
                // The view shows the code itself, large, under this text.
                trustText.set("Compare the code below with the one your administrator gives you (the appliance "
                        + "prints it with 'lanchat-appliance --fingerprint'). Continue only if they match: this "
                        + "computer will then trust this appliance.");
            }
            case NEW_APPLIANCE -> {
                trustTitle.set("A new appliance: " + name);
                trustText.set("This computer trusts another appliance (code " + expected + "). " + name
                        + " is new here. Continue only if your administrator confirms the code below.");
            }
            case CHANGED -> {
                trustTitle.set("WARNING: the certificate of " + name + " has changed");
                trustText.set("The appliance presents a certificate this computer does not trust.\n\n"
                        + "Trusted code:   " + expected + "\nPresented code: " + code + "\n\n"
                        + "Someone on the network may be posing as the appliance. No password has been sent. "
                        + "Continue only if your administrator confirms that the appliance's certificate was "
                        + "replaced and that its new code is " + code + ".");
            }
            case NOT_ADVERTISED -> {
                trustTitle.set("Connection refused: " + name);
                trustText.set("The appliance advertised the code " + expected + " but presents " + code
                        + ". Something between you and the appliance is intercepting the connection. "
                        + "Nothing has been sent. Tell your administrator.");
            }
            case TRUSTED -> {
            }
        }
        pendingTrust.set(inspection);
    }

    /** The user compared the code and trusts the appliance. */
    public void acceptTrust() {
        TrustInspection inspection = pendingTrust.get();
        if (inspection == null || !canTrust.get()) {
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                trust.trust(inspection);
                ui.execute(() -> {
                    busy.set(false);
                    pendingTrust.set(null);
                    onReady.accept(inspection.choice());
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    error.set("Could not record the trusted appliance: " + e.getMessage());
                });
            }
        });
    }

    /**
     * Checks why no appliance is found or usable: whether multicast answers arrive, and the TCP port and
     * certificate of the appliance the user typed, chose or used last time (or the one discovery finds).
     */
    public void diagnose() {
        if (diagnosing.get()) {
            return;
        }
        diagnosing.set(true);
        diagnosisShown.set(true);
        diagnosis.clear();
        diagnosisReport.set("");
        diagnosisAdvice.set("Listening for appliances on the network and checking the connection…");
        String typed = manualAddress.get();
        Optional<ApplianceChoice> chosen = Optional.ofNullable(selected.get()).or(() -> lastGood);
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
                DiagnosticReport report = diagnostics.diagnose(target);
                String problem = typedProblem;
                ui.execute(() -> showDiagnosis(report, problem));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ui.execute(() -> diagnosisFailed("it was interrupted"));
            } catch (RuntimeException e) {
                ui.execute(() -> diagnosisFailed(e.getMessage()));
            }
        });
    }

    public void closeDiagnosis() {
        diagnosisShown.set(false);
    }

    private void diagnosisFailed(String why) {
        diagnosing.set(false);
        diagnosisAdvice.set("The check could not run: " + why + ".");
    }

    private void showDiagnosis(DiagnosticReport report, String typedProblem) {
        diagnosing.set(false);
        diagnosisReport.set(report.describe());
        diagnosis.setAll(
                line("Finding appliances on the network (multicast DNS)", report.multicast(),
                        "Multicast answers arrive", "No multicast answers arrive", "Multicast was not tried"),
                line("Reaching the appliance (TCP)", report.tcp(),
                        "The appliance's port is reachable", "The appliance's port cannot be reached", "Not checked"),
                // Not run after a reachable port means a first contact: nothing is pinned to compare with.
                line("Checking its certificate (TLS)", report.tls(),
                        "Its certificate matches the trusted one", "Its certificate does not match",
                        report.tcpReachable() ? "Nothing is trusted yet" : "Not checked"));
        diagnosisAdvice.set((typedProblem != null ? "The typed address does not work: " + typedProblem + ". " : "")
                + advice(report));
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
            return "No appliance answered, so there was nothing to connect to. Type the address your administrator "
                    + "gives you (for example 192.168.1.20) above, then check again.";
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

    public void rejectTrust() {
        pendingTrust.set(null);
        userChoosing = true;
        message.set("Not connected. Choose another appliance, or ask your administrator for the code.");
    }
}
