// Compile-only stand-in of com.cloudbees.plugins.credentials.CredentialsProvider (credentials plugin, bom-2.479.x; superclass omitted); never shipped.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;

/**
 * The stand-in's one store plays the system provider's (Jenkins' own) store: from an item, SYSTEM-scoped
 * credentials are invisible and only ACL.SYSTEM2 sees the store (as the credentials plugin's
 * SystemCredentialsProvider answers); other authentications reach it through Credentials/UseItem, as
 * findCredentialById does.
 */
public abstract class CredentialsProvider {
    private static final Map<String, IdCredentials> STAND_IN_STORE = new ConcurrentHashMap<>();

    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);

    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", null, Item.CONFIGURE, PermissionScope.ITEM);

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        Item job = run.getParent();
        Authentication runAuth = job instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        List<C> candidates = new ArrayList<>(lookupCredentialsInItem(type, job, runAuth));
        if (runAuth != ACL.SYSTEM2 && job.hasPermission2(runAuth, USE_ITEM)) {
            candidates.addAll(lookupCredentialsInItem(type, job, ACL.SYSTEM2));
        }
        return CredentialsMatchers.firstOrNull(candidates, CredentialsMatchers.withId(id));
    }

    public static <C extends Credentials> List<C> lookupCredentialsInItem(Class<C> type, Item item, Authentication authentication) {
        if (item == null) {
            return lookupCredentialsInItemGroup(type, jenkins.model.Jenkins.get(), authentication);
        }
        if (authentication != null && !ACL.SYSTEM2.equals(authentication)) {
            return List.of();
        }
        return STAND_IN_STORE.values().stream().filter(type::isInstance).map(type::cast)
                .filter(c -> c.getScope() != CredentialsScope.SYSTEM).toList();
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
