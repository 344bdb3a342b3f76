// Compile-only stand-in of org.kohsuke.stapler.StaplerRequest2 (stapler 1903.1905.ve5a_f469356f0, as Jenkins 2.479.3 uses); never shipped.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

public interface StaplerRequest2 extends HttpServletRequest {
    String getRestOfPath();

    void bindJSON(Object bean, JSONObject src);
}
