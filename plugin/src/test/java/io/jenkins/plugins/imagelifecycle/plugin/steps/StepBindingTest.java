package io.jenkins.plugins.imagelifecycle.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the Snippet Generator and Pipeline binding rely on, per step: the function name, one
 * {@code @DataBoundConstructor} with the required parameters, and a {@code @DataBoundSetter} for every
 * optional one that its getter reads back.
 */
class StepBindingTest {
    static Stream<Object[]> steps() {
        return Stream.of(
                new Object[] {"blessImage", BlessImageStep.class, List.of("base", "dockerfile", "target"), true},
                new Object[] {"augmentImage", AugmentImageStep.class, List.of("from", "dockerfile", "target"), true},
                new Object[] {"buildHostImage", BuildHostImageStep.class, List.of("template"), true},
                new Object[] {"testImage", TestImageStep.class, List.of("image", "tests"), true},
                new Object[] {"promoteImage", PromoteImageStep.class, List.of("image", "to"), false},
                new Object[] {"retireImage", RetireImageStep.class, List.of("image"), false});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void theDescriptorNamesTheStepAndTheContextItNeeds(String function, Class<? extends Step> type, List<String> required,
                                                       boolean onAgent) throws Exception {
        Class<?> descriptorType = Arrays.stream(type.getDeclaredClasses())
                .filter(StepDescriptor.class::isAssignableFrom).findFirst().orElseThrow();
        assertThat(descriptorType.isAnnotationPresent(Extension.class)).isTrue();
        assertThat(descriptorType.getAnnotation(Symbol.class).value()).containsExactly(function);
        StepDescriptor descriptor = (StepDescriptor) descriptorType.getDeclaredConstructor().newInstance();
        assertThat(descriptor.getFunctionName()).isEqualTo(function);
        assertThat(descriptor.getDisplayName()).isNotBlank().isNotEqualTo(descriptorType.getSimpleName());
        if (onAgent) {
            assertThat(Set.copyOf(descriptor.getRequiredContext())).isEqualTo(Set.of(Run.class, FilePath.class, TaskListener.class,
                    EnvVars.class));
        } else {
            assertThat(Set.copyOf(descriptor.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void requiredParametersAreTheConstructorsAndReadBack(String function, Class<? extends Step> type, List<String> required,
                                                        boolean onAgent) throws Exception {
        List<Constructor<?>> bound = Arrays.stream(type.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).toList();
        assertThat(bound).hasSize(1);
        Constructor<?> constructor = bound.get(0);
        // Stapler binds by the names its annotation processor wrote beside the class
        List<String> names = constructorNames(type);
        assertThat(names).containsExactlyElementsOf(required);
        Object[] args = new Object[names.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = sample(names.get(i), constructor.getParameterTypes()[i], constructor.getGenericParameterTypes()[i]);
        }
        Object step = constructor.newInstance(args);
        for (int i = 0; i < required.size(); i++) {
            assertThat(getter(type, required.get(i)).invoke(step)).as(required.get(i)).isEqualTo(args[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void everyOptionalParameterBindsThroughItsSetter(String function, Class<? extends Step> type, List<String> required,
                                                    boolean onAgent) throws Exception {
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
        List<String> names = constructorNames(type);
        Object[] args = new Object[names.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = sample(names.get(i), constructor.getParameterTypes()[i], constructor.getGenericParameterTypes()[i]);
        }
        Object step = constructor.newInstance(args);
        List<Method> setters = Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class)).toList();
        assertThat(setters).isNotEmpty();
        for (Method setter : setters) {
            String property = Character.toLowerCase(setter.getName().charAt(3)) + setter.getName().substring(4);
            Object value = sample(property, setter.getParameterTypes()[0], setter.getGenericParameterTypes()[0]);
            setter.invoke(step, value);
            assertThat(getter(type, property).invoke(step)).as(function + "." + property).isEqualTo(value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void stepClassesArePublicAndNotFinal(String function, Class<? extends Step> type, List<String> required, boolean onAgent) {
        // Jenkins instantiates them reflectively and JCasC/structs subclass-scan them
        assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
        assertThat(Modifier.isFinal(type.getModifiers())).isFalse();
    }

    private static List<String> constructorNames(Class<?> type) throws java.io.IOException {
        java.util.Properties stapler = new java.util.Properties();
        try (var in = type.getResourceAsStream(type.getSimpleName() + ".stapler")) {
            assertThat(in).as(type.getSimpleName() + ".stapler written by stapler's annotation processor").isNotNull();
            stapler.load(in);
        }
        return List.of(stapler.getProperty("constructor").split(","));
    }

    private static Method getter(Class<?> type, String property) throws NoSuchMethodException {
        String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        try {
            return type.getMethod("get" + suffix);
        } catch (NoSuchMethodException e) {
            return type.getMethod("is" + suffix);
        }
    }

    /** A distinct value per property, so a setter writing the wrong field is caught. */
    private static Object sample(String name, Class<?> type, java.lang.reflect.Type generic) {
        if (type == String.class) {
            return "value-of-" + name;
        }
        if (type == int.class) {
            return 3 + name.length();
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
            return List.of(name + "=1", name + "=2");
        }
        if (type == Map.class) {
            throw new AssertionError(name + ": Pipeline binding has no Map parameters; use a list of KEY=VALUE");
        }
        throw new AssertionError("No sample for " + name + " of " + type);
    }
}
