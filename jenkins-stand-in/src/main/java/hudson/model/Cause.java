// Compile-only stand-in of hudson.model.Cause (Jenkins 2.479.3); never shipped.
package hudson.model;

public abstract class Cause {
    public abstract String getShortDescription();

    public static class UserIdCause extends Cause {
        private final String userId;

        public UserIdCause(String userId) {
            this.userId = userId;
        }

        public String getUserId() {
            return userId;
        }

        @Override
        public String getShortDescription() {
            return "Started by user " + userId;
        }
    }
}
