package io.jenkins.plugins.imagelifecycle.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledDockerfileTest {
    @Test
    void quotesEveryLabelSoNothingIsExpandedOrBroken() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "app");
        labels.put("note", "say \"hi\" to $HOME \\ now\nplease");
        assertThat(LabelledDockerfile.labelLine(labels)).isEqualTo("LABEL \\\n"
                + "    \"org.opencontainers.image.title\"=\"app\" \\\n"
                + "    \"note\"=\"say \\\"hi\\\" to \\$HOME \\\\ now please\"\n");
    }
}
