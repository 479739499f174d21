package org.lanchat.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The protocol module is the contract every client builds on: it may depend on Jackson and the JDK only. */
@AnalyzeClasses(packages = "org.lanchat.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule dependsOnJacksonAndTheJdkOnly = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("org.lanchat.protocol..", "com.fasterxml.jackson..", "java..", "javax..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.lanchat.protocol.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule printsNothing = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err");
}
