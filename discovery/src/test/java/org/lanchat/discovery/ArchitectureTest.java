package org.lanchat.discovery;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Discovery's packages (locate, trust, ...) depend on each other in one direction only. */
@AnalyzeClasses(packages = "org.lanchat.discovery", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.lanchat.discovery.(*)..").should().beFreeOfCycles();
}
