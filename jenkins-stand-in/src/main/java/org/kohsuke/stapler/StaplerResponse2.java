// Compile-only stand-in of org.kohsuke.stapler.StaplerResponse2 (stapler 1903.1905.ve5a_f469356f0, as Jenkins 2.479.3 uses; only inherited members are used); never shipped.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

public interface StaplerResponse2 extends HttpServletResponse {
}
