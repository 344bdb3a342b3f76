// Compile-only stand-in of hudson.model.ModelObject (Jenkins 2.479.3); never shipped.
package hudson.model;

public interface ModelObject {
    String getDisplayName();
}
