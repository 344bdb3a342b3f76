// Compile-only stand-in of com.cloudbees.plugins.credentials.common.IdCredentials (credentials plugin, bom-2.479.x); never shipped.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

public interface IdCredentials extends Credentials {
    String getId();
}
