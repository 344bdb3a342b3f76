// Compile-only stand-in of com.cloudbees.plugins.credentials.Credentials (credentials plugin, bom-2.479.x; supertypes other than Serializable omitted); never shipped.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public interface Credentials extends Serializable {
    CredentialsScope getScope();
}
