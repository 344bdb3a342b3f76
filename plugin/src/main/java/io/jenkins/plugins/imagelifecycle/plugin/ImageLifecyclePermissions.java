package io.jenkins.plugins.imagelifecycle.plugin;

import hudson.AbortException;
import hudson.model.Item;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import java.io.PrintStream;
import java.util.logging.Logger;
import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The permission group "Image Lifecycle": View (the whole catalog's page), Promote (needed for protected
 * environments) and Retire. All are implied by Administer; grant them per folder or job with an authorization strategy such as Matrix.
 * Steps check them as the build's authentication (configure Authorize Project so builds run as a user); a build
 * running as SYSTEM is refused unless the configuration allows it.
 */
public final class ImageLifecyclePermissions {
    private static final Logger LOGGER = Logger.getLogger(ImageLifecyclePermissions.class.getName());
    private static final ResourceBundleHolder MESSAGES = ResourceBundleHolder.get(ImageLifecyclePermissions.class);

    public static final PermissionGroup GROUP = new PermissionGroup(ImageLifecyclePermissions.class,
            new Localizable(MESSAGES, "GroupTitle"));

    public static final Permission PROMOTE = new Permission(GROUP, "Promote", new Localizable(MESSAGES, "PromoteDescription"),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    /** Seeing the whole catalog (every job's images, actors, build URLs) on the Image Lifecycle page. */
    public static final Permission VIEW = new Permission(GROUP, "View", new Localizable(MESSAGES, "ViewDescription"),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);

    public static final Permission RETIRE = new Permission(GROUP, "Retire", new Localizable(MESSAGES, "RetireDescription"),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    private ImageLifecyclePermissions() {
    }

    /** Loads the class once plugins have started, so the group shows in the authorization matrix before first use. */
    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        LOGGER.fine(() -> "Permissions " + VIEW.getId() + ", " + PROMOTE.getId() + " and " + RETIRE.getId() + " registered");
    }

    /**
     * Refuses with a message naming the permission, the item and what it was needed for. A build running as SYSTEM
     * (no build authentication configured) is refused too, fail closed, unless an administrator has let SYSTEM builds
     * promote and retire: otherwise whoever can change a Jenkinsfile passes every check.
     */
    /**
     * The permission on the job that built each image (from the catalog's record of its build), not only on the job that
     * runs now: retiring your own folder's images must not let you retire another team's. An image built outside any job
     * this user can see (the CLI, a deleted job, a job in a folder they cannot read) needs the permission on Jenkins itself.
     */
    public static void requireOnProducers(java.util.Collection<io.jenkins.plugins.imagelifecycle.model.ImageRecord> images,
                                          Permission permission, String neededFor, PrintStream log) throws AbortException {
        var authentication = Jenkins.getAuthentication2();
        if (ACL.SYSTEM2.equals(authentication)) {
            return; // require() on the running job has already let SYSTEM through or refused it
        }
        java.util.Map<String, java.util.List<String>> byJob = new java.util.TreeMap<>();
        for (var image : images) {
            String job = io.jenkins.plugins.imagelifecycle.model.RunActors.jobOf(image.builtBy());
            byJob.computeIfAbsent(job == null ? "" : job, j -> new java.util.ArrayList<>()).add(image.digest());
        }
        for (var entry : byJob.entrySet()) {
            Item producer = entry.getKey().isEmpty() ? null : Jenkins.get().getItemByFullName(entry.getKey());
            boolean allowed = producer != null ? producer.hasPermission(permission) : Jenkins.get().hasPermission(permission);
            if (!allowed) {
                String digests = entry.getValue().size() == 1 ? entry.getValue().get(0) : entry.getValue().size() + " images ("
                        + entry.getValue().get(0) + ", …)";
                throw new AbortException(authentication.getName() + " lacks the Image Lifecycle/" + permission.name + " permission "
                        + (producer != null ? "on " + producer.getFullName() + ", which built " + digests
                        : "on Jenkins itself, which " + digests + " needs: " + (entry.getKey().isEmpty() ? "built outside Jenkins"
                        : "built by " + entry.getKey() + ", a job that no longer exists or that " + authentication.getName() + " cannot see"))
                        + "; " + neededFor + " needs it");
            }
        }
    }

    public static void require(Item item, Permission permission, String neededFor, PrintStream log) throws AbortException {
        if (ACL.SYSTEM2.equals(Jenkins.getAuthentication2())) {
            if (!io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration.get().isSystemBuildsMayPromoteAndRetire()) {
                throw new AbortException("This build runs as SYSTEM, and builds running as SYSTEM may not do what " + neededFor
                        + " needs (the Image Lifecycle/" + permission.name + " permission): configure build authentication (the"
                        + " Authorize Project plugin, builds running as the user who started them or as a service user granted"
                        + " Image Lifecycle/" + permission.name + " on " + item.getFullName() + "), or let SYSTEM builds do it with"
                        + " 'Builds running as SYSTEM may promote into protected environments and retire' in Manage Jenkins"
                        + " (JCasC: systemBuildsMayPromoteAndRetire)");
            }
            log.println("This build runs as SYSTEM, which the configuration lets pass the Image Lifecycle/" + permission.name
                    + " check for " + neededFor + "; configure Authorize Project to make builds run as a user");
            return;
        }
        if (!item.hasPermission(permission)) {
            throw new AbortException(Jenkins.getAuthentication2().getName() + " lacks the Image Lifecycle/" + permission.name
                    + " permission on " + item.getFullName() + ", which " + neededFor + " needs");
        }
    }
}
