// Compile-only stand-in of hudson.model.TopLevelItem (Jenkins 2.479.3; supertypes other than Item omitted); never shipped. No member is used.
package hudson.model;

public interface TopLevelItem extends Item {
}
