package org.lanchat.appliance.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which clients {@code --exempt-loopback-from-limits} exempts: IP literals of this machine, and nothing else. */
class RateLimitsTest {
    private final RateLimits exempting = RateLimits.DEFAULTS.exemptingLoopback();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.4.5.6", "::1", "0:0:0:0:0:0:0:1"})
    void aClientOnThisMachineIsExempt(String address) {
        assertThat(exempting.applyTo(address)).isFalse();
        assertThat(RateLimits.DEFAULTS.applyTo(address)).as("without the option").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.5", "10.0.0.1", "fe80::1%1", "::ffff:192.168.1.5", "localhost", "", "127.0.0.1.evil"})
    void anyOtherAddressOrANameIsNot(String address) {
        assertThat(exempting.applyTo(address)).isTrue();
    }
}
