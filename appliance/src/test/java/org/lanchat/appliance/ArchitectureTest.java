package org.lanchat.appliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers honest: the network edge calls inward, nothing inward knows about the edge. */
@AnalyzeClasses(packages = "org.lanchat.appliance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule innerLayersDoNotKnowTheNetworkEdge = noClasses()
            .that().resideInAnyPackage("..appliance.store..", "..appliance.chat..", "..appliance.account..",
                    "..appliance.avatar..", "..appliance.relay..", "..appliance.tls..", "..appliance.config..")
            .should().dependOnClassesThat().resideInAnyPackage("..appliance.net..");

    @ArchTest
    static final ArchRule storageDoesNotKnowChatRulesOrSessions = noClasses()
            .that().resideInAPackage("..appliance.store..")
            .should().dependOnClassesThat().resideInAnyPackage("..appliance.relay..", "..appliance.account..", "io.netty..");

    @ArchTest
    static final ArchRule onlyTheEdgeAndTheRelayTouchNetty = noClasses()
            .that().resideOutsideOfPackages("..appliance.net..", "..appliance.relay..", "org.lanchat.appliance")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    @ArchTest
    static final ArchRule logsThroughSlf4jOnly = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace");
}
