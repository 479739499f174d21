package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables line up on a terminal: a CJK character takes two columns, a combining accent none. */
class ColumnsTest {

    @Test
    void wideCharactersCountTwoAndCombiningMarksNone() {
        assertThat(Columns.width("alice")).isEqualTo(5);
        assertThat(Columns.width("张伟")).isEqualTo(4);
        assertThat(Columns.width("José")).isEqualTo(4);
        assertThat(Columns.width("Jose\u0301")).as("e + combining acute").isEqualTo(4);
        assertThat(Columns.width("ＡＢ")).as("full-width").isEqualTo(4);
        assertThat(Columns.width("Ольга")).isEqualTo(5);
    }

    @Test
    void columnsAlignWhateverTheScript() {
        List<String> lines = Columns.format(List.of(List.of("用户名", "显示名称"), List.of("alice", "张伟"),
                List.of("dora", "José Álvarez"), List.of("eddy", "")));
        assertThat(lines).containsExactly(
                "用户名  显示名称",
                "alice   张伟",
                "dora    José Álvarez",
                "eddy");
    }
}
