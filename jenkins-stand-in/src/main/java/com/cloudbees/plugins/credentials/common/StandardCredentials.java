// Compile-only stand-in of com.cloudbees.plugins.credentials.common.StandardCredentials (credentials plugin, bom-2.479.x); never shipped.
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
