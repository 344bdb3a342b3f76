// Compile-only stand-in of hudson.model.Item (Jenkins 2.479.3; supertypes other than AccessControlled omitted); never shipped.
package hudson.model;

import hudson.security.AccessControlled;

public interface Item extends AccessControlled {
    hudson.security.PermissionGroup PERMISSIONS = new hudson.security.PermissionGroup(Item.class, null);

    hudson.security.Permission CONFIGURE = new hudson.security.Permission(PERMISSIONS, "Configure", null, null,
            hudson.security.PermissionScope.ITEM);

    String getFullName();

    String getUrl();
}
