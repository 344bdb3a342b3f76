package io.jenkins.plugins.imagelifecycle.plugin.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.imagelifecycle.plugin.steps.ContainerBuildStep;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Rules that keep the plugin a thin layer over core, in the manner of plugin-util-api's
 * PluginArchitectureRules: no Docker or HTTP client in plugin classes (the core talks to engines and
 * registries), Stapler binding only on public types, no stand-in-only member in shipped code.
 */
class PluginArchitectureTest {
    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        plugin = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.imagelifecycle.plugin");
    }

    @Test
    void pluginClassesUseNoDockerOrHttpClient() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "java.net.http..",
                        "org.apache.hc..", "java.net")
                .because("engines and registries are the core's business; the plugin calls core operations")
                .check(plugin);
    }

    @Test
    void pluginClassesRunNoProcesses() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Runtime.class.getName())
                .because("no shell string is ever built from user input; Docker and Packer are driven by the core")
                .check(plugin);
    }

    @Test
    void dataBoundConstructorsAreOnPublicClassesAndPublic() {
        constructors().that().areAnnotatedWith(DataBoundConstructor.class)
                .should().bePublic().andShould().beDeclaredInClassesThat().arePublic()
                .check(plugin);
    }

    @Test
    void dataBoundSettersAreOnPublicClassesAndPublic() {
        methods().that().areAnnotatedWith(DataBoundSetter.class)
                .should().bePublic().andShould().beDeclaredInClassesThat().arePublic()
                .check(plugin);
    }

    @Test
    void stepsAreInTheStepsPackageAndTheirExecutionsAreNotPublic() {
        classes().that().areAssignableTo(Step.class).should().resideInAPackage("..plugin.steps")
                .andShould().bePublic().check(plugin);
        classes().that().areAssignableTo(StepExecution.class).and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should().notBePublic().because("executions are implementation, not API")
                .check(plugin);
        classes().that().areAssignableTo(Step.class).and().areNotAssignableTo(ContainerBuildStep.class)
                .and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should().haveSimpleNameEndingWith("ImageStep").check(plugin);
    }

    @Test
    void formValidationMethodsArePostOnly() {
        // jenkinsci's rule: doCheck/doFill answer GET from any page; POST makes them CSRF-protected
        methods().that().haveNameMatching("do(Check|Fill).*").should().beAnnotatedWith(org.kohsuke.stapler.verb.POST.class)
                .because("form validation runs with the user's permissions and must not be callable by cross-site GET")
                .check(plugin);
    }

    @Test
    void formValidationMethodsCheckAPermission() {
        methods().that().haveNameMatching("do(Check|Fill).*")
                .should(callAPermissionCheck())
                .because("a validation method reveals configuration; it must check the caller's permission first")
                .check(plugin);
    }

    @Test
    void stateChangingWebMethodsRequirePost() {
        methods().that().haveNameMatching("do(Retire|Deprecate|Notify|Promote).*")
                .should().beAnnotatedWith(org.kohsuke.stapler.interceptor.RequirePOST.class)
                .orShould().beAnnotatedWith(org.kohsuke.stapler.verb.POST.class)
                .check(plugin);
    }

    private static com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMethod> callAPermissionCheck() {
        return new com.tngtech.archunit.lang.ArchCondition<>("call checkPermission or hasPermission") {
            @Override
            public void check(com.tngtech.archunit.core.domain.JavaMethod method, com.tngtech.archunit.lang.ConditionEvents events) {
                boolean checks = method.getMethodCallsFromSelf().stream().anyMatch(call ->
                        call.getName().equals("checkPermission") || call.getName().equals("hasPermission"));
                if (!checks) {
                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(method,
                            method.getFullName() + " checks no permission"));
                }
            }
        };
    }

    @Test
    void shippedCodeUsesNoStandInOnlyMember() {
        noClasses().should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.base.DescribedPredicate.describe("a stand-in-only member",
                                t -> t.getName().startsWith("standIn"))))
                .because("members named standIn* exist only in jenkins-stand-in, not in Jenkins")
                .check(plugin);
    }
}
