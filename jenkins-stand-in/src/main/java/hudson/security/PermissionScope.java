// Compile-only stand-in of hudson.security.PermissionScope (Jenkins 2.479.3); never shipped.
package hudson.security;

public final class PermissionScope {
    private final Class<?> modelClass;

    private PermissionScope(Class<?> modelClass) {
        this.modelClass = modelClass;
    }

    public static final PermissionScope JENKINS = new PermissionScope(jenkins.model.Jenkins.class);

    public static final PermissionScope ITEM = new PermissionScope(hudson.model.Item.class);
}
