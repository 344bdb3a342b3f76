package io.jenkins.plugins.imagelifecycle.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin jar holds the plugin's own classes only: the Jenkins stand-in is provided scope
 * and must never ship (it would shadow the real Jenkins classes), nor may core classes be copied in.
 */
class PluginJarIT {
    @Test
    void thePluginJarHoldsOnlyThePluginsOwnClasses() throws Exception {
        Path jar = Path.of(System.getProperty("pluginJar", "target/image-lifecycle-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("run after package").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> classes = file.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).isNotEmpty()
                    .allMatch(n -> n.startsWith("io/jenkins/plugins/imagelifecycle/plugin/"), "inside the plugin's package");
            assertThat(classes).contains("io/jenkins/plugins/imagelifecycle/plugin/steps/BlessImageStep.class");
            assertThat(file.getEntry("META-INF/annotations/hudson.Extension")).as("the extension index ships").isNotNull();
            assertThat(file.stream().map(ZipEntry::getName)).noneMatch(n -> n.startsWith("hudson/") || n.startsWith("jenkins/")
                    || n.startsWith("org/jenkinsci/") || n.startsWith("com/cloudbees/"));
        }
        assertThat(Files.size(jar)).isLessThan(500_000);
    }

    @Test
    void coreClassesMayCrossToAgentsThroughJenkinsClassFilter() throws Exception {
        // the steps send core's requests to agents and get core's results back over remoting
        Path core = Path.of(System.getProperty("coreJar", "../core/target/image-lifecycle-core-0.1.0-SNAPSHOT.jar"));
        try (JarFile file = new JarFile(core.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Jenkins-ClassFilter-Whitelisted")).isEqualTo("true");
        }
    }
}
