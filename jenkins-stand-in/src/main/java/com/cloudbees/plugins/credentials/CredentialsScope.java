// Compile-only stand-in of com.cloudbees.plugins.credentials.CredentialsScope (credentials plugin, bom-2.479.x; methods omitted); never shipped.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
