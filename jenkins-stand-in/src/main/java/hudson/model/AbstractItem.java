// Compile-only stand-in of hudson.model.AbstractItem (Jenkins 2.479.3; interfaces other than Item omitted); never shipped.
package hudson.model;

import hudson.security.ACL;

public abstract class AbstractItem extends Actionable implements Item {
    private final String fullName;

    /** Stand-in only: Jenkins' constructor takes the parent ItemGroup and the name. */
    protected AbstractItem(String fullName) {
        this.fullName = fullName;
    }

    @Override
    public final String getFullName() {
        return fullName;
    }

    @Override
    public String getUrl() {
        return "job/" + fullName.replace("/", "/job/") + "/";
    }

    @Override
    public ACL getACL() {
        // Jenkins asks the authorization strategy; the stand-in grants nothing but to SYSTEM
        return new ACL() {
            @Override
            public boolean hasPermission2(org.springframework.security.core.Authentication a, hudson.security.Permission p) {
                return false;
            }
        };
    }
}
