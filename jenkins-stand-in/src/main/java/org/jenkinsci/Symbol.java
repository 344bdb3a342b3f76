// Compile-only stand-in of org.jenkinsci.Symbol (symbol-annotation 1.24; its @Indexed is omitted: annotation-indexer is not on Maven Central); never shipped.
package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME)
@Target({TYPE})
@Documented
public @interface Symbol {
    String[] value();
}
