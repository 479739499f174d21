package org.lanchat.bench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The bench's packages (load, server, report) depend on each other in one direction only. */
@AnalyzeClasses(packages = "org.lanchat.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.lanchat.bench.(*)..").should().beFreeOfCycles();
}
