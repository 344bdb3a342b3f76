// Compile-only stand-in of hudson.security.csrf.CrumbExclusion (Jenkins 2.479.3); never shipped.
package hudson.security.csrf;

import hudson.ExtensionPoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

public abstract class CrumbExclusion implements ExtensionPoint {
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        throw new AbstractMethodError("The class " + getClass().getName() + " must override process");
    }
}
