package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.security.ACL;
import hudson.security.Permission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who holds which permission, as a matrix authorization strategy would say; and who the current thread is. */
public final class Grants {
    private final Map<String, Set<Permission>> granted = new ConcurrentHashMap<>();

    public Grants grant(String user, Permission... permissions) {
        granted.merge(user, Set.of(permissions), (a, b) -> {
            var all = new java.util.HashSet<>(a);
            all.addAll(b);
            return Set.copyOf(all);
        });
        return this;
    }

    public ACL acl() {
        return new ACL() {
            @Override
            public boolean hasPermission2(org.springframework.security.core.Authentication a, Permission p) {
                return granted.getOrDefault(a.getName(), Set.of()).contains(p);
            }
        };
    }

    /** The current thread acts as {@code user}, member of {@code groups} (a build under Authorize Project, or a web request). */
    public static void actAs(String user, String... groups) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(user, "n/a", java.util.Arrays.stream(groups)
                .map(org.springframework.security.core.authority.SimpleGrantedAuthority::new).toList()));
        SecurityContextHolder.setContext(context);
    }

    /** The current thread acts as the anonymous user (a web request without a session). */
    public static void actAsAnonymous() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(jenkins.model.Jenkins.ANONYMOUS2);
        SecurityContextHolder.setContext(context);
    }

    /** The current thread acts as SYSTEM, as builds do unless Authorize Project says otherwise. */
    public static void actAsSystem() {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(ACL.SYSTEM2);
        SecurityContextHolder.setContext(context);
    }
}
