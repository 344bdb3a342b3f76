// Compile-only stand-in of org.jenkinsci.remoting.SerializableOnlyOverRemoting (remoting 3261.v9c670a_4748a_9); never shipped.
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {
}
