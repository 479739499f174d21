package org.lanchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An edit or delete refused as too late says what the appliance announced: editing switched off, or for how long. */
class ChangeCommandTest {
    @AfterEach
    void backToTheDefaultLanguage() {
        Texts.use(Locale.getDefault(Locale.Category.DISPLAY));
    }

    @Test
    void aWindowOfZeroSaysEditingIsSwitchedOff() {
        Texts.use(Locale.ENGLISH);
        assertThat(ChangeCommand.tooLate(Duration.ZERO)).isEqualTo(
                "Not changed: this appliance does not let anyone edit or delete messages; its administrator switched editing off.");
    }

    @Test
    void theWindowIsGivenInTheLargestWholeUnit() {
        Texts.use(Locale.ENGLISH);
        assertThat(ChangeCommand.tooLate(Duration.ofDays(1))).isEqualTo(
                "Not changed: too late. This appliance lets you edit or delete a message only for 1 day after sending it.");
        assertThat(ChangeCommand.tooLate(Duration.ofHours(36))).endsWith("only for 36 hours after sending it.");
        assertThat(ChangeCommand.tooLate(Duration.ofMinutes(10))).endsWith("only for 10 minutes after sending it.");
        assertThat(ChangeCommand.tooLate(Duration.ofSeconds(90))).endsWith("only for 90 seconds after sending it.");
        assertThat(ChangeCommand.tooLate(Duration.ofDays(366))).endsWith("only for 366 days after sending it.");
    }

    @Test
    void inChineseToo() {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(ChangeCommand.tooLate(Duration.ofHours(2))).isEqualTo("未修改：太迟了。此服务器只允许在发送后 2 小时内编辑或删除消息。");
        assertThat(ChangeCommand.tooLate(Duration.ZERO)).startsWith("未修改：此服务器不允许任何人编辑或删除消息");
    }
}
