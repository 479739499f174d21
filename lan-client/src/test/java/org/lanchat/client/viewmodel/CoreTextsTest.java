package org.lanchat.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanchat.client.core.ChatException;
import org.lanchat.client.core.ClientEvent;
import org.lanchat.client.core.ClientProblem;
import org.lanchat.client.core.ConnectionStatus;
import org.lanchat.client.core.Session;
import org.lanchat.client.core.appliance.TrustFileWarning;
import org.lanchat.discovery.locate.DiagnosticReport.Check;
import org.lanchat.discovery.locate.DiagnosticReport.Finding;
import org.lanchat.discovery.locate.DiagnosticReport.Outcome;
import org.lanchat.client.i18n.Texts;
import org.lanchat.client.testing.FakeChatService;
import org.lanchat.client.testing.SameThread;
import org.lanchat.protocol.ErrorCode;

/**
 * What the core reports goes to the user in the user's language: every problem kind and every appliance error code
 * has a sentence in both, and under Chinese no English from the appliance or the operating system is mixed in.
 */
class CoreTextsTest {
    /** A word of Latin letters that is not a product or format name the Chinese text keeps. */
    private static final String ENGLISH_WORD = "(?<![A-Za-z])(?!(?:PNG|JPEG|UTF)(?![A-Za-z]))[A-Za-z]{3,}";

    private final FakeChatService client = new FakeChatService();

    @AfterEach
    void backToEnglish() {
        Texts.use(Locale.ENGLISH);
    }

    /** One problem of each kind, and a refusal with each error code. */
    private static List<ClientProblem> everyProblem() {
        List<ClientProblem> all = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            List<Object> arguments = code == ErrorCode.RATE_LIMITED ? List.of(30L) : List.of();
            all.add(new ClientProblem(ClientProblem.Kind.REFUSED, Optional.of(code), arguments, "the appliance's English"));
        }
        Stream.of(ClientProblem.Kind.values()).filter(kind -> kind != ClientProblem.Kind.REFUSED)
                .forEach(kind -> all.add(ClientProblem.of(kind, "the system's English", 5000, 4000)));
        return all;
    }

    @Test
    void everyProblemHasASentenceInBothLanguages() {
        for (Locale language : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Texts.use(language);
            for (ClientProblem problem : everyProblem()) {
                String sentence = Failures.sentence(problem);
                assertThat(sentence).as("%s in %s", problem.key(), language).isNotBlank()
                        .doesNotStartWith("coreTexts.").doesNotContain("English").doesNotContain("{");
                if (language.equals(Locale.SIMPLIFIED_CHINESE)) {
                    assertThat(sentence.replace("chat.office.lan", "")).as(problem.key()).doesNotContainPattern(ENGLISH_WORD);
                }
            }
        }
    }

    @Test
    void everyTrustFileWarningHasASentenceInBothLanguages() {
        for (Locale language : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Texts.use(language);
            for (TrustFileWarning.Kind kind : TrustFileWarning.Kind.values()) {
                List<Object> arguments = switch (kind) {
                    case NOT_OWNED_BY_ROOT -> List.of("/etc/trust", "nobody");
                    case BAD_LINE -> List.of("/etc/trust", 3, "7KQ2-M9XD");
                    default -> List.of("/etc/trust");
                };
                String sentence = ProvisionedNotice.sentence(new TrustFileWarning(kind, arguments, "the log's English"));
                assertThat(sentence).as("%s in %s", kind, language).contains("/etc/trust")
                        .doesNotStartWith("coreTexts.").doesNotContain("English").doesNotContain("{");
                if (language.equals(Locale.SIMPLIFIED_CHINESE)) {
                    assertThat(sentence.replaceAll("/etc/trust|nobody|7KQ2-M9XD|root|chmod", "")).as(kind.name())
                            .doesNotContainPattern(ENGLISH_WORD);
                }
            }
        }
    }

    @Test
    void everyDiagnosisFindingIsExplainedInBothLanguages() {
        for (Locale language : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Texts.use(language);
            for (Finding finding : Finding.values()) {
                if (finding == Finding.OTHER) {
                    continue;
                }
                String explanation = ApplianceDiagnosis.explanation(
                        new Check(Outcome.FAILED, finding, List.of("Q9W1-DFWF-077Y", "AAAA-BBBB-CCCC"), "the report's English"));
                assertThat(explanation).as("%s in %s", finding, language).isNotBlank()
                        .doesNotStartWith("coreTexts.").doesNotContain("English").doesNotContain("{");
                if (language.equals(Locale.SIMPLIFIED_CHINESE)) {
                    // Names of protocols, ports and the product stay as they are written on the box.
                    assertThat(explanation.replaceAll("LAN Chat|mDNS|UDP|TCP|TLS|Wi-Fi|--no-discovery|lanchat-appliance"
                            + " --fingerprint|Q9W1-DFWF-077Y|AAAA-BBBB-CCCC", "")).as(finding.name())
                            .doesNotContainPattern(ENGLISH_WORD);
                }
            }
        }
    }

    @Test
    void aWrongPasswordAndAnUnreachableApplianceAreSaidInChinese() {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        List<Session> loggedIn = new ArrayList<>();
        LoginViewModel login = new LoginViewModel(client, "Office", SameThread.EXECUTOR, loggedIn::add);
        login.usernameProperty().set("alice");
        login.passwordProperty().set("secret-password");
        login.login();
        client.authResult.completeExceptionally(
                new ChatException(ErrorCode.AUTH_FAILED, "wrong username or password", Optional.empty()));
        assertThat(login.errorProperty().get()).isEqualTo("用户名或密码错误。");

        client.authResult = new java.util.concurrent.CompletableFuture<>();
        login.login();
        client.authResult.completeExceptionally(new ConnectException("Connection refused"));
        assertThat(login.errorProperty().get()).startsWith("无法连接服务器").doesNotContainPattern(ENGLISH_WORD);
        assertThat(loggedIn).isEmpty();
    }

    @Test
    void anOverlongMessageAndALostConnectionAreSaidInChinese() {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        ChatViewModel chat = new ChatViewModel(client, SameThread.EXECUTOR);
        chat.draftProperty().set("x".repeat(4001));
        assertThat(chat.send()).isFalse();
        assertThat(chat.errorProperty().get()).isEqualTo("消息长 4001 个字符；服务器最多接受 4000 个。");

        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.ONLINE, "Connected", Optional.empty()));
        client.fire(new ClientEvent.StatusChanged(ConnectionStatus.RECONNECTING, "Connection reset. Reconnecting in 2 s…",
                Optional.of(Duration.ofSeconds(2)),
                Optional.of(ClientProblem.of(ClientProblem.Kind.CONNECTION_LOST, "Connection reset"))));
        assertThat(chat.bannerProperty().get()).isEqualTo("与服务器的连接已断开。2 秒后重新连接…");
    }
}
