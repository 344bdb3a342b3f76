package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs of a host image build, as the user gave them (paths inside the workspace).
 *
 * @param template      a template file (HCL2 {@code .pkr.hcl} or legacy JSON) or a directory of HCL2 files
 * @param sensitiveVars values that never reach a command line, log, record or provenance
 * @param family        the host image family recorded in the catalog; default: the template's name
 * @param packerPath    the Packer binary, or null for the PATH
 */
public record HostBuildRequest(String template, Map<String, String> vars, Map<String, String> sensitiveVars,
                               List<String> varFiles, List<String> tests, String family, String packerPath,
                               long timeoutMinutes, String outputDir) implements Serializable {
    public HostBuildRequest {
        vars = new LinkedHashMap<>(vars == null ? Map.of() : vars);
        sensitiveVars = new LinkedHashMap<>(sensitiveVars == null ? Map.of() : sensitiveVars);
        varFiles = varFiles == null ? List.of() : List.copyOf(varFiles);
        tests = tests == null ? List.of() : List.copyOf(tests);
        if (timeoutMinutes < 1) {
            throw new BadInputException("Packer timeout " + timeoutMinutes + " minutes is not valid; expected 1 or more minutes");
        }
        outputDir = outputDir == null || outputDir.isBlank() ? ContainerBuildRequest.DEFAULT_OUTPUT_DIR : outputDir;
    }
}
