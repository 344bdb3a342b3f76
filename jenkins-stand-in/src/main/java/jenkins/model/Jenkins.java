// Compile-only stand-in of jenkins.model.Jenkins (Jenkins 2.479.3; superclass and interfaces omitted); never shipped.
package jenkins.model;

import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import org.jvnet.hudson.reactor.ReactorException;

public class Jenkins {
    private static volatile Jenkins theInstance;
    private final File root;

    protected Jenkins(File root, ServletContext context) throws IOException, InterruptedException, ReactorException {
        this.root = root;
        theInstance = this;
    }

    public static Jenkins get() throws IllegalStateException {
        Jenkins instance = theInstance;
        if (instance == null) {
            throw new IllegalStateException("Jenkins.instance is missing");
        }
        return instance;
    }

    public File getRootDir() {
        return root;
    }

    public String getRootUrl() throws IllegalStateException {
        return null;
    }
}
