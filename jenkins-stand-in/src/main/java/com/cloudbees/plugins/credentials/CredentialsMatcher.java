// Compile-only stand-in of com.cloudbees.plugins.credentials.CredentialsMatcher (credentials plugin, bom-2.479.x); never shipped.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public interface CredentialsMatcher extends Serializable {
    boolean matches(Credentials item);
}
