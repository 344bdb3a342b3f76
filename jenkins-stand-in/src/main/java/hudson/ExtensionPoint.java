// Compile-only stand-in of hudson.ExtensionPoint (Jenkins 2.479.3); never shipped.
package hudson;

public interface ExtensionPoint {
}
