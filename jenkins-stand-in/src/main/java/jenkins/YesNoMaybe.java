// Compile-only stand-in of jenkins.YesNoMaybe (Jenkins 2.479.3); never shipped.
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
