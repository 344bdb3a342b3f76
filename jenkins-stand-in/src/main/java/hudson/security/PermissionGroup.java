// Compile-only stand-in of hudson.security.PermissionGroup (Jenkins 2.479.3; Iterable and Comparable omitted); never shipped.
package hudson.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvnet.localizer.Localizable;

public final class PermissionGroup {
    public final Class owner;
    public final Localizable title;
    private final List<Permission> permissions = new CopyOnWriteArrayList<>();

    public PermissionGroup(Class owner, Localizable title) throws IllegalStateException {
        this.owner = owner;
        this.title = title;
    }

    public List<Permission> getPermissions() {
        return List.copyOf(permissions);
    }

    void add(Permission p) {
        permissions.add(p);
    }
}
