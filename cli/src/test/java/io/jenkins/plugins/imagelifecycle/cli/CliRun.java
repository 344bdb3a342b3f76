package io.jenkins.plugins.imagelifecycle.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line: exit code, standard output, standard error. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = ImageLifecycleCli.newCommandLine(args);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** A run with {@code --catalog CATALOG} after the command's own options, as the options of a command go. */
    static CliRun onCatalog(java.nio.file.Path catalog, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--catalog";
        all[args.length + 1] = catalog.toString();
        return of(all);
    }
}
