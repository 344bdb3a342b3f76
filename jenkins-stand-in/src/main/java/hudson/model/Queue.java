// Compile-only stand-in of hudson.model.Queue (Jenkins 2.479.3; only the nested Item type); never shipped.
package hudson.model;

public class Queue {
    public abstract static class Item extends Actionable {
    }
}
