package org.lanchat.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * JabRef's split, checked: view-models never touch the scene graph, and nothing below the views knows them. The
 * client core (client-core/) has rules of its own and cannot see JavaFX at all.
 */
@AnalyzeClasses(packages = {"org.lanchat.client.viewmodel", "org.lanchat.client.view", "org.lanchat.client.emoji"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsNeverImportTheSceneGraph = noClasses()
            .that().resideInAPackage("org.lanchat.client.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
            .because("view-models hold state in properties; only views build and show windows");

    @ArchTest
    static final ArchRule emojiIsPlainText = noClasses().that().resideInAPackage("org.lanchat.client.emoji..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the emoji index and the text split are tested without a display; drawing is the views' job");

    @ArchTest
    static final ArchRule viewModelsDoNotKnowTheViews = noClasses()
            .that().resideInAnyPackage("org.lanchat.client.viewmodel..", "org.lanchat.client.emoji..")
            .should().dependOnClassesThat().resideInAPackage("org.lanchat.client.view..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.lanchat.client.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
