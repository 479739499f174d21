package org.lanchat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jackson reads a {@code type} only for the classes listed on the hierarchy's root, while the compiler knows every
 * record of the sealed hierarchy: a record that is declared but not listed would be refused as an unknown type
 * on the wire. The requests are declared in one file per feature, so this is easy to miss when one is added.
 */
class WireTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {ClientMessage.class, ServerMessage.class, PeerMessage.class})
    void everyRecordOfTheSealedHierarchyIsListedForJacksonAndNothingElseIs(Class<?> root) {
        Set<Class<?>> listed = Arrays.stream(root.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value).collect(Collectors.toSet());

        assertThat(listed).containsExactlyInAnyOrderElementsOf(records(root).toList());
    }

    @ParameterizedTest
    @ValueSource(classes = {ClientMessage.class, ServerMessage.class, PeerMessage.class})
    void everyRecordHasAWireNameOfItsOwn(Class<?> root) {
        List<String> names = records(root).map(type -> type.getAnnotation(JsonTypeName.class))
                .map(name -> name == null ? "(none)" : name.value()).toList();

        assertThat(names).doesNotContain("(none)").doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(classes = {ClientMessage.class, ServerMessage.class, PeerMessage.class})
    void aHierarchyHasRecordsToList(Class<?> root) {
        assertThat(records(root)).hasSizeGreaterThan(1);
    }

    /** The concrete types under a sealed interface, through any sealed interfaces between. */
    private static Stream<Class<?>> records(Class<?> type) {
        if (type.isRecord()) {
            return Stream.of(type);
        }
        assertThat(type.isSealed()).as("%s is a record or a sealed interface", type).isTrue();
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(WireTypesTest::records).distinct();
    }
}
