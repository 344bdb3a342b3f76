// Compile-only stand-in of com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials (credentials plugin, bom-2.479.x); never shipped.
package com.cloudbees.plugins.credentials.common;

public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {
}
