package io.jenkins.plugins.imagelifecycle.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The engine logs to a PrintStream; picocli gives a PrintWriter. This joins them, line by line. */
final class LogStream {
    private LogStream() {
    }

    static PrintStream of(PrintWriter writer) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                writer.print(line.toString(StandardCharsets.UTF_8));
                writer.flush();
                line.reset();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
