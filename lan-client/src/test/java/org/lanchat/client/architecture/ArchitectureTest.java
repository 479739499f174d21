package org.lanchat.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** JabRef's split, checked: logic never draws, view-models never touch the scene graph. */
@AnalyzeClasses(packages = "org.lanchat.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses().that().resideInAPackage("org.lanchat.client.core..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the client core is tested headlessly and could back another UI");

    @ArchTest
    static final ArchRule logicNeverImportsTheSceneGraph = noClasses()
            .that().resideInAnyPackage("org.lanchat.client.core..", "org.lanchat.client.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
            .because("view-models hold state in properties; only views build and show windows");

    @ArchTest
    static final ArchRule coreDoesNotKnowTheViews = noClasses().that().resideInAPackage("org.lanchat.client.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.lanchat.client.viewmodel..", "org.lanchat.client.view..");

    @ArchTest
    static final ArchRule viewModelsDoNotKnowTheViews = noClasses().that().resideInAPackage("org.lanchat.client.viewmodel..")
            .should().dependOnClassesThat().resideInAPackage("org.lanchat.client.view..");

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
