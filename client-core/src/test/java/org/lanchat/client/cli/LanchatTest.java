package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.client.core.ClientOptions;

/** lanchat in this process, for what needs no appliance: help and usage errors, in the language chosen. */
class LanchatTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        Context context = new Context(env, new ByteArrayInputStream(new byte[0]), Terminal.none(), ClientOptions.DEFAULTS,
                Duration.ZERO);
        return Lanchat.run(args, context, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @AfterEach
    void speakEnglishAgain() {
        Texts.use(Locale.ENGLISH);
    }

    /** Under LANG=C, java -jar reads 你好 as replacement characters: sent, everyone would have seen them. */
    @Test
    void anArgumentJavaCouldNotDecodeIsRefusedBeforeAnythingIsDone() {
        assertThat(run(Map.of("LANG", "C"), "send", "--appliance", "192.0.2.1", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD C"))
                .isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("could not read").contains("LC_ALL=C.UTF-8");
        assertThat(out.toString()).isEmpty();
    }

    /** Every line passes the same filter, whoever wrote it: here picocli, quoting an argument it does not know. */
    @Test
    void controlCharactersReachTheTerminalOnlyAsTheirCodes() {
        assertThat(run(Map.of("LANG", "C.UTF-8"), "\u001B]0;title\u0007")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("<U+001B>]0;title<U+0007>").doesNotContain("\u001B", "\u0007");
    }

    @Test
    void helpIsChineseUnderAChineseLocale() {
        assertThat(run(Map.of("LANG", "zh_CN.UTF-8"), "--help")).isZero();
        assertThat(out.toString()).contains("用法： lanchat", "在终端或脚本中使用 LAN Chat", "退出码：", "被拒绝：密码错误");
    }

    @Test
    void aCommandsHelpIsChineseWithLang() {
        assertThat(run(Map.of("LANG", "C.UTF-8"), "send", "--help", "--lang", "zh-CN")).isZero();
        assertThat(out.toString()).contains("用法： lanchat send", "私聊发送给 USER", "（默认：60）", "服务器地址");
    }

    @Test
    void helpIsEnglishUnderAnEnglishLocaleOrWithLang() {
        assertThat(run(Map.of("LANG", "en_US.UTF-8"), "history", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: lanchat history", "At most N messages (default: 50).");
        assertThat(run(Map.of("LANG", "zh_CN.UTF-8"), "--lang=en", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:");
    }

    /** The newcomer's 'register --user ab' got exit 3, a refusal, for a name lanchat can tell is malformed. */
    @Test
    void aMalformedUsernameIsAUsageErrorBeforeAnythingConnects() {
        assertThat(run(Map.of("LANG", "en_US.UTF-8"), "register", "--user", "ab", "--appliance", "192.0.2.1",
                "--no-discovery")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).startsWith("Not a valid username: 3 to 32 letters");
    }

    @Test
    void anOptionBeforeTheRoomsActionIsToldToGoAfterIt() {
        assertThat(run(Map.of("LANG", "en_US.UTF-8"), "room", "--appliance", "192.0.2.1", "join", "Design"))
                .isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("The options of 'lanchat room' go after its action, as in"
                + " 'lanchat room join Design --appliance HOST'.");
    }

    @Test
    void roomTakesHelpBeforeItsActionToo() {
        assertThat(run(Map.of("LANG", "en_US.UTF-8"), "room", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: lanchat room", "create", "archive");
        assertThat(run(Map.of("LANG", "en_US.UTF-8"), "room", "-h")).isZero();
    }

    @Test
    void usageErrorsAreInTheLanguageChosen() {
        assertThat(run(Map.of("LANCHAT_LANG", "zh-CN"), "history", "--limit", "0")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("--limit 至少为 1。");
        assertThat(run(Map.of("LANCHAT_LANG", "zh-CN"), "history", "--limit", "many")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("--limit 的值“many”无效。", "“lanchat history --help”会说明用法。")
                .doesNotContain("用法：");
        assertThat(run(Map.of("LANCHAT_LANG", "zh-CN"), "send", "--bogus", "hi")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("未知选项：--bogus");
        assertThat(run(Map.of("LANCHAT_LANG", "en"), "send")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("Missing: TEXT", "'lanchat send --help' shows how to use it.")
                .doesNotContain("Usage:");
        assertThat(run(Map.of("LANCHAT_LANG", "en"), "sned", "hi", "--no-discovery")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).as("the word that was wrong, not all that followed it")
                .contains("Unexpected argument: sned\n").doesNotContain("sned hi");
        assertThat(run(Map.of("LANG", "C"), "--lang", "fr", "--help")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("lanchat speaks en and zh-CN, not 'fr'.");
    }

    @Test
    void aPrivateConversationWithYourselfIsRefusedBeforeAnythingConnects(@TempDir Path dir) {
        String dataDir = dir.resolve("dora").toString();
        assertThat(run(Map.of("LANCHAT_LANG", "en"), "send", "--to", "Dora", "note to self", "--user", "dora",
                "--no-discovery", "--data-dir", dataDir)).isEqualTo(Exit.USAGE);
        assertThat(err.toString().strip()).isEqualTo("You cannot send a private message to yourself.");
        assertThat(run(Map.of("LANCHAT_LANG", "zh-CN"), "download", "--with", "dora", "1", "--user", "dora",
                "--no-discovery", "--data-dir", dataDir)).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("不存在与自己的私聊");
        assertThat(run(Map.of("LANCHAT_LANG", "en"), "history", "--with", "DORA", "--user", "dora", "--no-discovery",
                "--data-dir", dataDir)).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("There is no private conversation with yourself: --with names another user.");
        assertThat(dir.resolve("dora")).as("nothing was opened, let alone contacted").doesNotExist();
    }

    /** The newcomer's 'lanchat download 9 -o notes.txt' replaced the notes.txt already there. */
    @Test
    void downloadRefusesAnOutputPathAlreadyThereBeforeAnythingConnects(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "notes\n");
        Path dataDir = dir.resolve("dora");
        assertThat(run(Map.of("LANCHAT_LANG", "en"), "download", "9", "-o", notes.toString(), "--user", "dora",
                "--appliance", "192.0.2.1", "--no-discovery", "--data-dir", dataDir.toString())).isEqualTo(Exit.USAGE);
        assertThat(err.toString().strip()).isEqualTo(notes + " is already there, and lanchat never replaces a file:"
                + " choose another name with -o, or remove " + notes + " first.");
        assertThat(notes).hasContent("notes");
        assertThat(dir.resolve("notes.txt.part")).doesNotExist();
        assertThat(dataDir).as("nothing was opened, let alone contacted").doesNotExist();

        Path dangling = Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("nowhere"));
        assertThat(run(Map.of("LANCHAT_LANG", "zh-CN"), "download", "9", "-o", dangling.toString(), "--user", "dora",
                "--appliance", "192.0.2.1", "--no-discovery", "--data-dir", dataDir.toString())).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains(dangling + " 已存在，lanchat 从不覆盖已有文件");
        assertThat(dir.resolve("nowhere")).as("not written through the link either").doesNotExist();
    }

    /** What lanchat knows is out of bounds is a usage error with the bound, not a ProtocolException's class name. */
    @Test
    void valuesTheProtocolCannotCarryAreUsageErrorsThatStateTheLimit(@TempDir Path dir) throws IOException {
        Path dataDir = dir.resolve("dora");
        String[] connection = {"--user", "dora", "--appliance", "192.0.2.1", "--no-discovery", "--data-dir",
                dataDir.toString()};
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        assertThat(run(Map.of("LANCHAT_LANG", "en"), with(connection, "send", "--file", empty.toString())))
                .isEqualTo(Exit.USAGE);
        assertThat(err.toString().strip()).isEqualTo(empty + " is empty, and an empty file cannot be sent.");

        String longName = "n".repeat(65);
        assertThat(run(Map.of("LANCHAT_LANG", "en"), with(connection, "room", "create", longName))).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("A room's name is at most 64 characters; this one has 65.");
        assertThat(run(Map.of("LANCHAT_LANG", "zh-CN"), with(connection, "room", "create", "--topic", "t".repeat(600),
                "Budget"))).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("聊天室主题最多 250 个字符，这个有 600 个。");
        assertThat(run(Map.of("LANCHAT_LANG", "en"), with(connection, "room", "update", "Budget", "--name", longName)))
                .isEqualTo(Exit.USAGE);

        Path picture = Files.write(dir.resolve("big.png"), new byte[1_048_576]);
        assertThat(run(Map.of("LANCHAT_LANG", "en", "LANCHAT_PASSWORD", "secret-enough"),
                with(connection, "register", "--avatar", picture.toString()))).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("The picture " + picture + " is 1048576 bytes; an avatar may have at most"
                + " 524288 bytes.");
        assertThat(err.toString()).doesNotContain("Exception", "org.lanchat");
        assertThat(dataDir).as("nothing was opened, let alone contacted").doesNotExist();
    }

    private static String[] with(String[] connection, String... args) {
        String[] all = Arrays.copyOf(args, args.length + connection.length);
        System.arraycopy(connection, 0, all, args.length, connection.length);
        return all;
    }
}
