// Compile-only stand-in of jenkins.model.Jenkins (Jenkins 2.479.3; superclass and interfaces omitted); never shipped.
package jenkins.model;

import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jvnet.hudson.reactor.ReactorException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

public class Jenkins implements AccessControlled, hudson.model.ItemGroup<hudson.model.TopLevelItem> {
    private static volatile Jenkins theInstance;
    private final File root;
    private final Map<Class<?>, Object> extensions = new ConcurrentHashMap<>();
    private static final Map<String, hudson.model.Item> ITEMS = new ConcurrentHashMap<>();

    public static final PermissionGroup PERMISSIONS = Permission.HUDSON_PERMISSIONS;

    public static final Permission ADMINISTER = Permission.HUDSON_ADMINISTER;

    public static final Permission READ = new Permission(PERMISSIONS, "Read", null, null, PermissionScope.JENKINS);

    public static final Authentication ANONYMOUS2 =
            new org.springframework.security.authentication.AnonymousAuthenticationToken("anonymous", "anonymous",
                    java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("anonymous")));

    protected Jenkins(File root, ServletContext context) throws IOException, InterruptedException, ReactorException {
        this.root = root;
        ITEMS.clear();
        theInstance = this;
    }

    public static Jenkins get() throws IllegalStateException {
        Jenkins instance = theInstance;
        if (instance == null) {
            throw new IllegalStateException("Jenkins.instance is missing");
        }
        return instance;
    }

    public static Authentication getAuthentication2() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null ? ANONYMOUS2 : a;
    }

    /** Jenkins asks its authorization strategy; the stand-in grants nothing but to SYSTEM. Tests override. */
    @Override
    public ACL getACL() {
        return new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                return false;
            }
        };
    }

    /** Stand-in only: one instance per extension class and Jenkins, as Jenkins' extension lists hold them. */
    public Object standInSingleton(Class<?> type) {
        return extensions.computeIfAbsent(type, t -> {
            try {
                var constructor = t.getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot instantiate extension " + t.getName(), e);
            }
        });
    }

    /** Jenkins: null when no item has that name or the current user may not read it; the stand-in does not filter by READ. */
    public hudson.model.Item getItemByFullName(String fullName) {
        return ITEMS.get(fullName);
    }

    /** Stand-in only: what Jenkins' item tree would hold, for {@link #getItemByFullName}. */
    public static void standInRegisterItem(hudson.model.Item item) {
        ITEMS.put(item.getFullName(), item);
    }

    public File getRootDir() {
        return root;
    }

    public String getRootUrl() throws IllegalStateException {
        return null;
    }
}
