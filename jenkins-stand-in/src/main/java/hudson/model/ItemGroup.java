// Compile-only stand-in of hudson.model.ItemGroup (Jenkins 2.479.3; supertypes omitted); never shipped. No member is used.
package hudson.model;

public interface ItemGroup<T extends Item> {
}
