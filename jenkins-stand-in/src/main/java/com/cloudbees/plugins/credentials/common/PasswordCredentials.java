// Compile-only stand-in of com.cloudbees.plugins.credentials.common.PasswordCredentials (credentials plugin, bom-2.479.x); never shipped.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.util.Secret;

public interface PasswordCredentials extends Credentials {
    Secret getPassword();
}
