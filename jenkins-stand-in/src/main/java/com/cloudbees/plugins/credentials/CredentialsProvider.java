// Compile-only stand-in of com.cloudbees.plugins.credentials.CredentialsProvider (credentials plugin, bom-2.479.x; superclass omitted); never shipped.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public abstract class CredentialsProvider {
    private static final Map<String, IdCredentials> STAND_IN_STORE = new ConcurrentHashMap<>();

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        IdCredentials found = STAND_IN_STORE.get(id);
        return type.isInstance(found) ? type.cast(found) : null;
    }

    public static <C extends Credentials> java.util.List<C> lookupCredentialsInItemGroup(Class<C> type, hudson.model.ItemGroup itemGroup,
            org.springframework.security.core.Authentication authentication) {
        return STAND_IN_STORE.values().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Stand-in only (not in the credentials plugin): what a credentials store would hold. */
    public static void standInStore(IdCredentials credentials) {
        STAND_IN_STORE.put(credentials.getId(), credentials);
    }
}
