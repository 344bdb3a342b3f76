// Compile-only stand-in of hudson.model.AbstractDescribableImpl (Jenkins 2.479.3); never shipped.
package hudson.model;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        // Jenkins looks the descriptor up among its extensions; there are none outside Jenkins.
        throw new UnsupportedOperationException("compile-only stand-in: no extension registry");
    }
}
