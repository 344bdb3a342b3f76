package io.jenkins.plugins.imagelifecycle.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Wraps a log so that no secret (password, token, sensitive variable) is written to it: each line is
 * searched for the secrets and they are replaced with {@code ****} before the line goes out.
 */
public final class SecretMasker {
    private SecretMasker() {
    }

    public static String mask(String text, Collection<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }

    /** A print stream that masks every secret, line by line, on its way to {@code target}. */
    public static PrintStream wrap(PrintStream target, Collection<String> secrets) {
        List<String> nonEmpty = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return target;
        }
        return new PrintStream(new LineMaskingStream(target, nonEmpty), true, StandardCharsets.UTF_8);
    }

    private static final class LineMaskingStream extends OutputStream {
        private final PrintStream target;
        private final List<String> secrets;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineMaskingStream(PrintStream target, List<String> secrets) {
            this.target = target;
            this.secrets = secrets;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public synchronized void flush() {
            // A partial line is held back: a secret split across two writes must still be masked.
            target.flush();
        }

        @Override
        public synchronized void close() {
            flushLine();
            target.flush();
        }

        private void flushLine() {
            if (line.size() > 0) {
                target.print(mask(line.toString(StandardCharsets.UTF_8), secrets));
                line.reset();
            }
        }
    }
}
