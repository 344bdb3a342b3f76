// Compile-only stand-in of com.cloudbees.plugins.credentials.common.UsernameCredentials (credentials plugin, bom-2.479.x); never shipped.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

public interface UsernameCredentials extends Credentials {
    String getUsername();
}
