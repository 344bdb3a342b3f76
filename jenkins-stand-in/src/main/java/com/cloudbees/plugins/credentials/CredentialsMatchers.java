// Compile-only stand-in of com.cloudbees.plugins.credentials.CredentialsMatchers (credentials plugin, bom-2.479.x); never shipped.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;

public class CredentialsMatchers {
    public static CredentialsMatcher withId(String id) {
        return item -> item instanceof IdCredentials c && id.equals(c.getId());
    }

    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) {
        for (C c : credentials) {
            if (matcher.matches(c)) {
                return c;
            }
        }
        return null;
    }
}
