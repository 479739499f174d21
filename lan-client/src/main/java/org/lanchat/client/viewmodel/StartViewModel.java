package org.lanchat.client.viewmodel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
import org.lanchat.client.core.appliance.TrustBadge;
import org.lanchat.client.core.appliance.TrustInspection;
import org.lanchat.client.core.appliance.DiagnosticsService;
import org.lanchat.client.core.appliance.ProvisionedTrust;
import org.lanchat.client.core.appliance.TrustService;
import org.lanchat.client.core.appliance.TrustedFirst;
import org.lanchat.client.i18n.Texts;

/**
 * Start-up: which appliance to use, and whether to trust it.
 *
 * <p>It connects by itself when the choice is obvious — the appliance used last time is on the network, or
 * exactly one appliance is — unless the user has started choosing. Otherwise the user picks one from the
 * list or types an address. Before anything is sent the certificate is inspected: a trusted one goes
 * straight on; a first contact or a new appliance asks the user to compare the short code; a changed
 * certificate, or a stranger that carries a trusted appliance's name or appears while the trusted one is
 * absent, is a hard warning that also needs the user to tick that they compared the code; a certificate that
 * differs from the one advertised, or that the administrator did not provision, is refused. Every warning
 * offers the way back to the trusted appliance when it is on the network.
 *
 * <p>When nothing is found, {@link #diagnose} says why, layer by layer (multicast, TCP port, certificate),
 * in plain words and with advice on what to do next ({@link ApplianceDiagnosis}); the open trust question is
 * {@link TrustPrompt}, and how a row of the list reads is {@link ApplianceRows}'.
 */
public final class StartViewModel {
    private final ApplianceDirectory directory;
    private final TrustService trust;
    private final Executor ui;
    private final Executor background;
    private final Consumer<ReadyAppliance> onReady;
    private final ObservableList<ApplianceChoice> appliances = FXCollections.observableArrayList();
    private final ObjectProperty<ApplianceChoice> selected = new SimpleObjectProperty<>();
    private final StringProperty manualAddress = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final TrustPrompt prompt = new TrustPrompt();
    private final StringProperty provisionedNote = new SimpleStringProperty("");
    private final ApplianceRows rows;
    private final ApplianceDiagnosis diagnosis;
    private Optional<ApplianceChoice> lastGood = Optional.empty();
    private List<ApplianceChoice> discovered = List.of();
    private boolean userChoosing;
    private boolean autoTried;
    private TrustedFirst trustedFirst = TrustedFirst.none();

    public StartViewModel(ApplianceDirectory directory, TrustService trust, DiagnosticsService diagnostics, Executor ui,
            Executor background, Consumer<ReadyAppliance> onReady) {
        this.directory = directory;
        // Started with --no-discovery nothing is looked for: saying so would leave the user waiting.
        this.message.set(directory.browser().isPresent() ? Texts.text("start.looking") : Texts.text("start.typeAddress"));
        this.trust = trust;
        this.rows = new ApplianceRows(trust);
        this.diagnosis = new ApplianceDiagnosis(directory, diagnostics, ui, background);
        this.ui = ui;
        this.background = background;
        this.onReady = onReady;
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
        return prompt.pendingProperty();
    }

    /** For a changed certificate: the user ticks that they compared the new code with the administrator. */
    public BooleanProperty codeComparedProperty() {
        return prompt.codeComparedProperty();
    }

    public StringProperty trustTitleProperty() {
        return prompt.titleProperty();
    }

    public StringProperty trustTextProperty() {
        return prompt.textProperty();
    }

    public BooleanBinding canTrustProperty() {
        return prompt.canTrustProperty();
    }

    /**
     * Says who decides trust on this computer: empty when the user does; otherwise that the administrator
     * does, with the trusted codes, and why a trust file was ignored.
     */
    public StringProperty provisionedNoteProperty() {
        return provisionedNote;
    }

    /** Takes the administrator's trust into account in what the window says. */
    public void provisioned(ProvisionedTrust provisioned) {
        provisionedNote.set(ProvisionedNotice.of(provisioned));
        trustedFirst = new TrustedFirst(provisioned, trust);
    }

    /** While a warning shows: the trusted appliance to go back to instead, if it is on the network. */
    public ObjectProperty<ApplianceChoice> backToProperty() {
        return prompt.backToProperty();
    }

    /** "Back to Office (7KQ2-M9XD-4TBE)": the trusted appliance by name and code, never by name alone. */
    public String backToText(ApplianceChoice choice) {
        return rows.backToText(choice);
    }

    public static String backToText(ApplianceChoice choice, TrustBadge badge) {
        return ApplianceRows.backToText(choice, badge);
    }

    /** Leaves the warning and connects to the trusted appliance instead. */
    public void goBack() {
        ApplianceChoice trusted = prompt.backToProperty().get();
        if (trusted == null) {
            return;
        }
        prompt.dismiss();
        userChoosing = true;
        connect(trusted);
    }

    /**
     * A row of the appliance list, in two lines: name and address; certificate code, whether it is trusted,
     * how it was found.
     * Two appliances with different certificates never read the same, even under one name.
     */
    public String describeRow(ApplianceChoice choice) {
        return rows.describe(choice);
    }

    /** Whether the row's certificate is trusted on this computer, for its badge. */
    public boolean rowTrusted(ApplianceChoice choice) {
        return rows.trusted(choice);
    }

    /** The three checks of the last diagnosis, in order: multicast, TCP port, certificate. */
    public ObservableList<DiagnosisLine> diagnosis() {
        return diagnosis.lines();
    }

    /** True while the diagnosis runs (a few seconds: it listens for multicast answers). */
    public BooleanProperty diagnosingProperty() {
        return diagnosis.runningProperty();
    }

    /** Whether the diagnosis panel is open. */
    public BooleanProperty diagnosisShownProperty() {
        return diagnosis.shownProperty();
    }

    /** What to do about what the diagnosis found, in one or two sentences. */
    public StringProperty diagnosisAdviceProperty() {
        return diagnosis.adviceProperty();
    }

    /** The technical report, for the administrator or a support request. */
    public StringProperty diagnosisReportProperty() {
        return diagnosis.reportProperty();
    }

    /**
     * Checks why no appliance is found or usable: whether multicast answers arrive, and the TCP port and
     * certificate of the appliance the user typed, chose or used last time (or the one discovery finds).
     */
    public void diagnose() {
        diagnosis.run(manualAddress.get(), Optional.ofNullable(selected.get()).or(() -> lastGood));
    }

    public void closeDiagnosis() {
        diagnosis.close();
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
                ? (lastGood.isPresent() ? Texts.text("start.lastListed")
                        : directory.browser().isPresent() ? Texts.text("start.lookingOrType") : Texts.text("start.typeAddress"))
                : discovered.stream().allMatch(trustedFirst::knownUntrusted) ? Texts.text("start.noneTrusted", discovered.size())
                : discovered.size() == 1 ? Texts.text("start.foundOne") : Texts.text("start.foundMany", discovered.size()));
        autoConnect();
    }

    private ApplianceChoice preferred(List<ApplianceChoice> all) {
        return lastGood.flatMap(cached -> all.stream().filter(c -> sameAppliance(c, cached)).findFirst())
                .or(() -> all.stream().filter(trustedFirst::likelyTrusted).findFirst()).orElse(all.getFirst());
    }

    private void autoConnect() {
        if (autoTried || userChoosing || busy.get() || prompt.pendingProperty().get() != null) {
            return;
        }
        Optional<ApplianceChoice> again = lastGood.flatMap(cached -> discovered.stream().filter(d -> sameAppliance(d, cached)).findFirst());
        // Where the administrator provisioned trust, an appliance advertising a provisioned certificate comes first, and
        // one known to carry another is not connected to by itself: it could only be refused (TrustedFirst). The one
        // heard first may well be the other one, so the window waits for the trusted one and says why.
        List<ApplianceChoice> trustedHere = discovered.stream().filter(trustedFirst::likelyTrusted).toList();
        ApplianceChoice choice = null;
        if (again.isPresent() && !(trustedFirst.knownUntrusted(again.get()) && trustedHere.size() == 1)) {
            choice = again.get();
        } else if ((again.isPresent() || lastGood.isEmpty()) && trustedHere.size() == 1) {
            choice = trustedHere.getFirst();
        } else if (lastGood.isEmpty() && discovered.size() == 1 && !trustedFirst.knownUntrusted(discovered.getFirst())) {
            choice = discovered.getFirst();
        }
        if (choice != null) {
            autoTried = true;
            connect(choice);
        }
    }

    private static boolean sameAppliance(ApplianceChoice a, ApplianceChoice b) {
        return a.id().isPresent() && a.id().equals(b.id());
    }

    public void connectSelected() {
        userChoosing = true;
        ApplianceChoice choice = selected.get();
        if (choice == null) {
            error.set(Texts.text("start.chooseOrType"));
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
                    error.set(Failures.describe(e));
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
        message.set(Texts.text("start.checking", choice.describe()));
        background.execute(() -> {
            try {
                TrustInspection inspection = trust.inspect(choice);
                ui.execute(() -> {
                    busy.set(false);
                    if (inspection.needsConfirmation()) {
                        prompt.ask(inspection, trustedAlternative(inspection).orElse(null));
                    } else {
                        message.set(Texts.text("start.connecting", choice.name()));
                        onReady.accept(new ReadyAppliance(choice, inspection.presented()));
                    }
                });
            } catch (IOException e) {
                ui.execute(() -> {
                    busy.set(false);
                    error.set(Texts.text("start.cannotReach", choice.describe(), Failures.describe(e)));
                });
            }
        });
    }

    /** A trusted appliance to go back to instead of the one inspected: on the network, or the one used last time. */
    private Optional<ApplianceChoice> trustedAlternative(TrustInspection inspection) {
        List<ApplianceChoice> candidates = new ArrayList<>(discovered);
        lastGood.ifPresent(candidates::add);
        return candidates.stream()
                .filter(c -> {
                    TrustBadge badge = trust.badge(c);
                    return badge.trusted() && badge.code().filter(inspection.presented()::equals).isEmpty();
                })
                .findFirst();
    }

    /** The user compared the code and trusts the appliance. */
    public void acceptTrust() {
        TrustInspection inspection = prompt.pendingProperty().get();
        if (inspection == null || !prompt.canTrustProperty().get()) {
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                trust.trust(inspection);
                ui.execute(() -> {
                    busy.set(false);
                    // The way back stays set: the prompt is closed and it only shows inside it.
                    prompt.pendingProperty().set(null);
                    onReady.accept(new ReadyAppliance(inspection.choice(), inspection.presented()));
                });
            } catch (IOException e) {
                couldNotRecordTrust(Texts.trouble(e));
            } catch (RuntimeException e) {
                couldNotRecordTrust(e.getMessage());
            }
        });
    }

    private void couldNotRecordTrust(String why) {
        ui.execute(() -> {
            busy.set(false);
            error.set(Texts.text("start.couldNotRecordTrust", why));
        });
    }

    public void rejectTrust() {
        prompt.dismiss();
        userChoosing = true;
        message.set(Texts.text("start.notConnected"));
    }
}
