package io.jenkins.plugins.imagelifecycle.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.Test;

/**
 * Jenkins finds extensions only through the SezPoz index that the annotation processor writes at compile
 * time (META-INF/annotations/hudson.Extension): every class annotated {@code @Extension} must be in it.
 */
class ExtensionIndexTest {
    @Test
    void everyExtensionOfThePluginIsInTheSezPozIndex() throws Exception {
        Set<String> annotated = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.imagelifecycle.plugin").stream()
                .filter(c -> c.isAnnotatedWith(Extension.class)).map(JavaClass::getName).collect(Collectors.toSet());
        List<String> indexed = new ArrayList<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, getClass().getClassLoader())) {
            indexed.add(item.className());
            assertThat(item.element()).as(item.className() + " loads").isNotNull();
        }

        assertThat(annotated).as("the six step descriptors at least").hasSizeGreaterThanOrEqualTo(6);
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(annotated);
        assertThat(getClass().getResource("/META-INF/annotations/hudson.Extension")).isNotNull();
    }
}
