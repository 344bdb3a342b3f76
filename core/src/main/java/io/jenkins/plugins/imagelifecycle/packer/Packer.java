package io.jenkins.plugins.imagelifecycle.packer;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Packer binary of this machine: found on the PATH or where configured; validate and build. */
public final class Packer {
    private static final Pattern VERSION = Pattern.compile("Packer v?([0-9][0-9A-Za-z.+-]*)");

    private final Path binary;
    private final Map<String, String> env;

    private Packer(Path binary, Map<String, String> env) {
        this.binary = binary;
        this.env = env;
    }

    /**
     * @param configured a path to the binary, or null to search {@code PATH} of {@code env}
     * @param env        the environment Packer runs with (the node's, in Jenkins)
     */
    public static Packer locate(String configured, Map<String, String> env) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new BadInputException("Packer path '" + configured + "' is not an executable file");
            }
            return new Packer(p, env);
        }
        for (String dir : env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "packer");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return new Packer(p, env);
            }
        }
        throw new UnavailableException("Packer is not on the PATH; install it (Debian package packer) or configure its path");
    }

    public Path binary() {
        return binary;
    }

    /** {@code packer version}, e.g. {@code 1.6.6}. */
    public String version() {
        String out = runQuiet(List.of(binary.toString(), "version"), binary.getParent() == null ? Path.of(".") : binary.getParent(),
                Duration.ofSeconds(30)).output();
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new OperationFailedException("Cannot read the version of " + binary + " from: " + out.strip());
        }
        return m.group(1);
    }

    /** Fails with Packer's own message when the template does not validate. */
    public void validate(Path template, List<String> variableArgs, Collection<String> secrets) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "validate"));
        cmd.addAll(variableArgs);
        cmd.add(template.toString());
        Result r = runQuiet(cmd, workdirOf(template), Duration.ofMinutes(2));
        if (r.exitCode() != 0) {
            throw new BadInputException("Packer template " + template.getFileName() + " is not valid: "
                    + io.jenkins.plugins.imagelifecycle.support.SecretMasker.mask(r.output().strip(), secrets));
        }
    }

    /**
     * {@code packer build -machine-readable -color=false}, streamed to {@code log}. Whatever way it ends
     * (done, failed, cancelled, timed out), no container of this build is left running.
     */
    PackerProcess.Outcome build(Path template, List<String> variableArgs, Duration timeout, Collection<String> secrets,
                                PrintStream log) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "build", "-machine-readable", "-color=false"));
        cmd.addAll(variableArgs);
        cmd.add(template.toString());
        try (BuildContainers containers = BuildContainers.forBuild(env, template)) {
            try {
                return PackerProcess.run(cmd, workdirOf(template), containers.environment(), timeout, secrets, log);
            } finally {
                // held back like the catalog's transactions: a cancelled build's interrupt must not stop the clean-up
                boolean interrupted = Thread.interrupted();
                containers.removeLeftovers(log);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    public static Path workdirOf(Path template) {
        return Files.isDirectory(template) ? template : template.toAbsolutePath().getParent();
    }

    private record Result(int exitCode, String output) {
    }

    private Result runQuiet(List<String> cmd, Path workdir, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workdir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            pb.environment().put("CHECKPOINT_DISABLE", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                PackerProcess.stop(p);
                throw new OperationFailedException("'" + String.join(" ", cmd.subList(0, 2)) + "' did not finish in time");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OperationFailedException("Cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Interrupted while running " + binary, e);
        }
    }
}
