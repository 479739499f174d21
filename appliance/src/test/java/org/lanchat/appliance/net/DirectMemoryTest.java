package org.lanchat.appliance.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When slow consumers are cut off early (PROTOCOL §7.10): past three quarters of the limit, or past 1 GiB. */
class DirectMemoryTest {
    private static final long MIB = 1L << 20;

    @Test
    void aSmallLimitIsUnderPressureAtThreeQuarters() {
        assertThat(DirectMemory.underPressure(48 * MIB, 64 * MIB)).isFalse();
        assertThat(DirectMemory.underPressure(48 * MIB + 1, 64 * MIB)).isTrue();
    }

    /** The JVM's default limit is a quarter of the machine's memory: 6 GiB on a 24 GiB box. */
    @Test
    void aLargeLimitIsUnderPressurePastOneGibibyte() {
        assertThat(DirectMemory.underPressure(1024 * MIB, 6 * 1024 * MIB)).isFalse();
        assertThat(DirectMemory.underPressure(1024 * MIB + 1, 6 * 1024 * MIB)).isTrue();
    }

    @Test
    void withoutACountThereIsNoPressure() {
        assertThat(DirectMemory.underPressure(-1, 6 * 1024 * MIB)).isFalse();
    }
}
