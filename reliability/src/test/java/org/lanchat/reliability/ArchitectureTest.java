package org.lanchat.reliability;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The suites' layers: scenarios ({@code fault}, {@code hostile}) use the participants, the invariant and the
 * report; the participants use the invariant (to hand over what they saw); the report uses nothing of ours.
 * The module is all tests, so the tests are what is checked.
 */
@AnalyzeClasses(packages = "org.lanchat.reliability")
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.lanchat.reliability.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule scenariosStandAlone = noClasses().that().resideInAPackage("org.lanchat.reliability.fault..")
            .should().dependOnClassesThat().resideInAPackage("org.lanchat.reliability.hostile..")
            .because("each scenario can be read, and run, alone");

}
