package io.jenkins.plugins.imagelifecycle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's layers: no Jenkins anywhere in core; no cycles between packages; the model at the
 * bottom; adapters (docker, registry, packer, provenance, catalog, config) below the operations.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.imagelifecycle", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
    private static final String ROOT = "io.jenkins.plugins.imagelifecycle.";

    @ArchTest
    static final ArchRule CORE_HAS_NO_JENKINS_DEPENDENCY = noClasses()
            .that().resideInAPackage("io.jenkins.plugins.imagelifecycle..")
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..")
            .because("the engine runs without Jenkins (CLI) and is tested against real parts without it");

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = slices()
            .matching("io.jenkins.plugins.imagelifecycle.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule MODEL_DEPENDS_ON_NOTHING_OF_OURS = noClasses()
            .that().resideInAPackage(ROOT + "model..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + "support..", ROOT + "docker..", ROOT + "registry..",
                    ROOT + "provenance..", ROOT + "catalog..", ROOT + "config..", ROOT + "lifecycle..", ROOT + "verify..");

    @ArchTest
    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_OPERATIONS = noClasses()
            .that().resideInAnyPackage(ROOT + "docker..", ROOT + "registry..", ROOT + "provenance..", ROOT + "catalog..",
                    ROOT + "config..", ROOT + "support..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "lifecycle..")
            .because("operations compose adapters, never the other way round");

    @ArchTest
    static final ArchRule ONLY_THE_DOCKER_PACKAGE_TALKS_TO_DOCKER_JAVA_IN_MAIN_CODE = noClasses()
            .that().resideOutsideOfPackages(ROOT + "docker..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .because("one adapter owns the engine API, so the transport can change in one place");
}
