// Compile-only stand-in of hudson.model.listeners.ItemListener (Jenkins 2.479.3); never shipped.
package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Item;

public class ItemListener implements ExtensionPoint {
    public void onDeleted(Item item) {
    }
}
