package org.lanchat.appliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers honest: the network edge calls inward, nothing inward knows about the edge. */
@AnalyzeClasses(packages = "org.lanchat.appliance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Each package can be read (and changed) starting from the ones it uses, never in a circle. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.lanchat.appliance.(*)..")
            .should().beFreeOfCycles();

    /** The root package only wires the layers together ({@code Main}, {@code Appliance}); no layer reaches back. */
    @ArchTest
    static final ArchRule noLayerDependsOnTheWiring = noClasses()
            .that().resideInAPackage("org.lanchat.appliance.(*)..")
            .should().dependOnClassesThat().resideInAPackage("org.lanchat.appliance");

    /** The shared vocabulary depends on nothing else of the appliance. */
    @ArchTest
    static final ArchRule theCoreStandsAlone = noClasses()
            .that().resideInAPackage("..appliance.core..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.lanchat.appliance.core..",
                    "org.lanchat.protocol..");

    @ArchTest
    static final ArchRule innerLayersDoNotKnowTheNetworkEdge = noClasses()
            .that().resideInAnyPackage("..appliance.store..", "..appliance.chat..", "..appliance.account..",
                    "..appliance.avatar..", "..appliance.relay..", "..appliance.tls..", "..appliance.config..",
                    "..appliance.core..")
            .should().dependOnClassesThat().resideInAnyPackage("..appliance.net..");

    @ArchTest
    static final ArchRule storageDoesNotKnowChatRulesOrSessions = noClasses()
            .that().resideInAPackage("..appliance.store..")
            .should().dependOnClassesThat().resideInAnyPackage("..appliance.chat..", "..appliance.relay..",
                    "..appliance.account..", "io.netty..");

    @ArchTest
    static final ArchRule onlyTheEdgeAndTheRelayTouchNetty = noClasses()
            .that().resideOutsideOfPackages("..appliance.net..", "..appliance.relay..", "org.lanchat.appliance")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    /** Everything logs; only the launcher (a module of its own, before any logging exists) writes to stderr. */
    @ArchTest
    static final ArchRule logsThroughSlf4jOnly = noClasses()
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace");
}
