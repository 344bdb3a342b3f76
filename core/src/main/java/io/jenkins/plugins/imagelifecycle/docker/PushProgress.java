package io.jenkins.plugins.imagelifecycle.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows a push: logs each layer's status once per change (not every progress tick), keeps the first
 * error the engine reports and the digest it announces at the end.
 */
final class PushProgress extends ResultCallback.Adapter<PushResponseItem> {
    private final PrintStream log;
    private final Map<String, String> lastStatusByLayer = new HashMap<>();
    private volatile String error;
    private volatile String digest;

    PushProgress(PrintStream log) {
        this.log = log;
    }

    @Override
    public void onNext(PushResponseItem item) {
        if (item.isErrorIndicated()) {
            String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            if (error == null) {
                error = message;
            }
            return;
        }
        if (item.getAux() != null && item.getAux().getDigest() != null) {
            digest = item.getAux().getDigest();
        }
        String status = item.getStatus();
        if (status == null) {
            return;
        }
        String id = item.getId() == null ? "" : item.getId();
        if (!status.equals(lastStatusByLayer.put(id, status))) {
            log.println(id.isEmpty() ? status : id + ": " + status);
        }
    }

    Digest result(ImageRef ref) {
        if (error != null) {
            throw new OperationFailedException("Registry " + ref.registry() + " refused the push of " + ref + ": " + error);
        }
        if (digest == null) {
            throw new OperationFailedException("Push of " + ref + " ended without the registry reporting a digest");
        }
        return Digest.parse(digest);
    }
}
