package io.jenkins.plugins.imagelifecycle.plugin.pages;

import io.jenkins.plugins.imagelifecycle.fitness.FitnessAnswer;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessCheck;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessJson;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.support.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code GET .../image-lifecycle/check?image=DIGEST&env=ENV}: may this digest run there now? The answer of
 * {@code check --json} (200, fit or not, with every reason; 400 for bad input), from the catalog alone. Overall/Read,
 * so a deploy pipeline or an admission webhook asks with a read-only token. Changes nothing.
 */
public final class FitnessEndpoint {
    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.READ);
        String image = req.getParameter("image");
        String env = req.getParameter("env");
        if (image == null || image.isBlank() || env == null || env.isBlank()) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, "Parameters 'image' and 'env' are needed; expected a digest or reference, "
                    + "and a configured environment");
            return;
        }
        FitnessAnswer answer;
        try {
            answer = new FitnessCheck(ControllerCatalog.get(), ControllerCatalog.config()).check(image, env, LocalDate.now(Clock.systemUTC()), null);
        } catch (BadInputException | NotFoundException e) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(Json.write(FitnessJson.of(answer)).getBytes(StandardCharsets.UTF_8));
        }
    }
}
