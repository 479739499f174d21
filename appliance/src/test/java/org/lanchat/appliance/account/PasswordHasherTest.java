package org.lanchat.appliance.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idPhcStringsWithOwaspParameters() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hash).doesNotContain("correct horse");
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify(hash, "correct horse battery staple")).isTrue();
        assertThat(hasher.verify(hash, "correct horse battery stapler")).isFalse();
        assertThat(hasher.verify(hash, "")).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void theDecoyHasOurParametersAndShapeSoVerifyingItCostsTheSameAndMatchesNothing() {
        String decoy = hasher.decoy();
        assertThat(decoy).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.needsRehash(decoy)).isFalse();
        assertThat(hasher.verify(decoy, "")).isFalse();
        assertThat(hasher.verify(decoy, "decoy")).isFalse();
        assertThat(hasher.decoy()).isNotEqualTo(decoy);
    }

    @Test
    void verifiesAHashMadeByTheReferenceImplementation() {
        // Produced by Debian's argon2 (the reference C implementation):
        //   echo -n "correct horse battery staple" | argon2 "lanchatsaltsalt!" -id -t 2 -k 19456 -p 1 -l 32
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$bGFuY2hhdHNhbHRzYWx0IQ$IKrheaeTsxh8bfN3fD/EObiWDJ24AVC49Al+WE0m598";
        assertThat(hasher.verify(reference, "correct horse battery staple")).isTrue();
        assertThat(hasher.verify(reference, "Correct horse battery staple")).isFalse();
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(hasher.verify("plaintext-password", "plaintext-password")).isFalse();
        assertThat(hasher.verify("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", "x")).isFalse();
        assertThat(hasher.verify("", "")).isFalse();
    }

    @Test
    void weakerStoredParametersAskForARehash() {
        assertThat(hasher.needsRehash(new PasswordHasher(4096, 1).hash("pw"))).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("pw"))).isFalse();
    }
}
