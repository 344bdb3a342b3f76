package io.jenkins.plugins.imagelifecycle.plugin;

import hudson.AbortException;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The permission group "Image Lifecycle": Promote (needed for protected environments) and Retire. Both
 * are implied by Administer; grant them per folder or job with an authorization strategy such as Matrix.
 * Steps check them as the build's authentication (configure Authorize Project so builds run as a user).
 */
public final class ImageLifecyclePermissions {
    private static final ResourceBundleHolder MESSAGES = ResourceBundleHolder.get(ImageLifecyclePermissions.class);

    public static final PermissionGroup GROUP = new PermissionGroup(ImageLifecyclePermissions.class,
            new Localizable(MESSAGES, "GroupTitle"));

    public static final Permission PROMOTE = new Permission(GROUP, "Promote", new Localizable(MESSAGES, "PromoteDescription"),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    public static final Permission RETIRE = new Permission(GROUP, "Retire", new Localizable(MESSAGES, "RetireDescription"),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    private ImageLifecyclePermissions() {
    }

    /** Refuses with a message naming the permission, the item and what it was needed for. */
    public static void require(Item item, Permission permission, String neededFor) throws AbortException {
        if (!item.hasPermission(permission)) {
            throw new AbortException(Jenkins.getAuthentication2().getName() + " lacks the Image Lifecycle/" + permission.name
                    + " permission on " + item.getFullName() + ", which " + neededFor + " needs");
        }
    }
}
