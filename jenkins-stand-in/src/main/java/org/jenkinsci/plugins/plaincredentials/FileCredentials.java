// Compile-only stand-in of org.jenkinsci.plugins.plaincredentials.FileCredentials (plain-credentials plugin, bom-2.479.x; @NameWith and its NameProvider omitted); never shipped.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.io.IOException;
import java.io.InputStream;

public interface FileCredentials extends StandardCredentials {
    String getFileName();

    InputStream getContent() throws IOException;
}
