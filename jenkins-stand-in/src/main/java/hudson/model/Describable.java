// Compile-only stand-in of hudson.model.Describable (Jenkins 2.479.3); never shipped.
package hudson.model;

public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
