// Compile-only stand-in of org.jenkinsci.plugins.plaincredentials.StringCredentials (plain-credentials plugin, bom-2.479.x; @NameWith and its NameProvider omitted); never shipped.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
