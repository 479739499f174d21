package org.lanchat.client.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command line sits on top of the core; the core knows nothing of it (nor of picocli). */
@AnalyzeClasses(packages = "org.lanchat.client", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandLineArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNoCommandLine = noClasses().that().resideInAPackage("org.lanchat.client.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.lanchat.client.cli..", "picocli..")
            .because("the desktop app uses the core without the command line's libraries on its class path");
}
