// Compile-only stand-in of hudson.model.Descriptor (Jenkins 2.479.3; interfaces omitted); never shipped.
package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    public String getDisplayName() {
        return getClass().getSimpleName();
    }
}
