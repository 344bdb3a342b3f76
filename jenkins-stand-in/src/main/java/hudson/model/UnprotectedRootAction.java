// Compile-only stand-in of hudson.model.UnprotectedRootAction (Jenkins 2.479.3); never shipped.
package hudson.model;

import hudson.ExtensionPoint;

public interface UnprotectedRootAction extends RootAction, ExtensionPoint {
}
