// Compile-only stand-in of hudson.model.RootAction (Jenkins 2.479.3); never shipped.
package hudson.model;

import hudson.ExtensionPoint;

public interface RootAction extends Action, ExtensionPoint {
}
