// Compile-only stand-in of hudson.remoting.VirtualChannel (remoting 3261.v9c670a_4748a_9); never shipped. No member is used.
package hudson.remoting;

public interface VirtualChannel {
}
