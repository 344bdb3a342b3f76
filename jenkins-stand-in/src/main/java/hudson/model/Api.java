// Compile-only stand-in of hudson.model.Api (Jenkins 2.479.3; superclass AbstractModelObject omitted); never shipped.
package hudson.model;

public class Api {
    public final Object bean;

    public Api(Object bean) {
        this.bean = bean;
    }
}
