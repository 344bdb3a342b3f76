// Compile-only stand-in of hudson.model.Action (Jenkins 2.479.3); never shipped.
package hudson.model;

public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
