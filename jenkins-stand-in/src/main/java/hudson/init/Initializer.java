// Compile-only stand-in of hudson.init.Initializer (Jenkins 2.479.3; its @Indexed is omitted: annotation-indexer is not on Maven Central); never shipped.
package hudson.init;

import static hudson.init.InitMilestone.COMPLETED;
import static hudson.init.InitMilestone.STARTED;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Documented
@Retention(RUNTIME)
@Target(METHOD)
public @interface Initializer {
    InitMilestone after() default STARTED;

    InitMilestone before() default COMPLETED;

    String[] requires() default {};

    String[] attains() default {};

    String displayName() default "";
}
