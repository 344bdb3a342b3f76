package io.jenkins.plugins.imagelifecycle.support;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * A writer whose close only flushes: a JSON generator closes what it writes to, and the page or the command's
 * standard output goes on after the document.
 */
public final class NotClosingWriter extends FilterWriter {
    public NotClosingWriter(Writer out) {
        super(out);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
