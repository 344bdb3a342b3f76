// Compile-only stand-in of hudson.security.Permission (Jenkins 2.479.3); never shipped.
package hudson.security;

import org.jvnet.localizer.Localizable;

public final class Permission {
    public final Class owner;
    public final PermissionGroup group;
    public final String name;
    public final Localizable description;
    public final Permission impliedBy;

    public Permission(PermissionGroup group, String name, Localizable description, Permission impliedBy, PermissionScope scope) {
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.description = description;
        this.impliedBy = impliedBy;
        group.add(this);
    }

    public String getId() {
        return owner.getName() + '.' + name;
    }

    public static final PermissionGroup HUDSON_PERMISSIONS = new PermissionGroup(jenkins.model.Jenkins.class, null);

    public static final Permission HUDSON_ADMINISTER = new Permission(HUDSON_PERMISSIONS, "Administer", null, null, PermissionScope.JENKINS);
}
