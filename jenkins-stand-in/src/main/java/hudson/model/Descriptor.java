// Compile-only stand-in of hudson.model.Descriptor (Jenkins 2.479.3; interfaces omitted); never shipped. Persists with plain XStream.
package hudson.model;

import com.thoughtworks.xstream.XStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import jenkins.model.Jenkins;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    public String getDisplayName() {
        return getClass().getSimpleName();
    }

    /** Jenkins: the described class's name; for a GlobalConfiguration that is the class itself. */
    public String getId() {
        return getClass().getName();
    }

    public synchronized void save() {
        File file = configFile();
        try {
            Files.createDirectories(file.getParentFile().toPath());
            try (Writer w = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
                w.write("<?xml version='1.0' encoding='UTF-8'?>\n");
                xstream().toXML(this, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to save " + file, e);
        }
    }

    public synchronized void load() {
        File file = configFile();
        if (!file.exists()) {
            return;
        }
        xstream().fromXML(file, this);
    }

    private File configFile() {
        return new File(Jenkins.get().getRootDir(), getId() + ".xml");
    }

    private static XStream xstream() {
        XStream x = new XStream();
        x.allowTypesByWildcard(new String[] {"io.jenkins.**", "hudson.**", "jenkins.**"});
        return x;
    }

    public static final class FormException extends Exception {
        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
