package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void trustIsRepeatableAndTakesItsValueEitherWay() {
        LaunchOptions options = LaunchOptions.parse(List.of("--trust", "7KQ2-M9XD-4TBE", "--trust=AB12-CD34-EF56",
                "--data-dir=/tmp/lc", "--appliance", "chat.office.lan", "--no-discovery", "--background"));

        assertThat(options.trust()).containsExactly("7KQ2-M9XD-4TBE", "AB12-CD34-EF56");
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/lc"));
        assertThat(options.appliance()).contains("chat.office.lan");
        assertThat(options.discovery()).isFalse();
        assertThat(options.background()).isTrue();
    }

    @Test
    void withoutOptionsItDiscoversAndTrustsOnTheUsersDecision() {
        LaunchOptions options = LaunchOptions.parse(List.of());

        assertThat(options.trust()).isEmpty();
        assertThat(options.discovery()).isTrue();
        assertThat(options.appliance()).isEqualTo(Optional.empty());
        assertThat(options.background()).isFalse();
        assertThat(options.language()).as("the saved setting decides").isEmpty();
    }

    @Test
    void langChoosesTheLanguageForThisRun() {
        assertThat(LaunchOptions.parse(List.of("--lang=zh-CN")).language()).contains(Language.SIMPLIFIED_CHINESE);
        assertThat(LaunchOptions.parse(List.of("--lang", "en")).language()).contains(Language.ENGLISH);
        assertThat(LaunchOptions.parse(List.of("--lang=system")).language()).contains(Language.SYSTEM);
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--lang=fr")))
                .hasMessage("unknown language fr for --lang (known: system, en, zh-CN)");
    }

    @Test
    void aMissingValueOrAnUnknownOptionIsNamed() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--trust"))).hasMessage("--trust needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--trsut=X"))).hasMessageStartingWith("unknown option --trsut=X");
    }
}
