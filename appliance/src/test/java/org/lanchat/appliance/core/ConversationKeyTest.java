package org.lanchat.appliance.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationKeyTest {
    @Test
    void aPrivateConversationIsNamedTheSameFromBothSidesAndGivesEachMemberTheOther() {
        ConversationKey key = ConversationKey.direct(42, 7);
        assertThat(key).isEqualTo(ConversationKey.direct(7, 42));
        assertThat(key.value()).isEqualTo("dm:7:42");
        assertThat(key.isDirect()).isTrue();
        assertThat(key.otherMember(7)).isEqualTo(42);
        assertThat(key.otherMember(42)).isEqualTo(7);
    }

    @Test
    void idsOfAnyLengthUpToTheLargestAreReadWhole() {
        ConversationKey key = ConversationKey.direct(Long.MAX_VALUE, 1);
        assertThat(key.otherMember(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(key.otherMember(Long.MAX_VALUE)).isEqualTo(1);
        assertThat(ConversationKey.direct(123456789, 98765).otherMember(98765)).isEqualTo(123456789);
    }
}
