package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each image stands now and how its verification there went: what every page and listing shows beside
 * an environment's name, so a failed verification is seen wherever the environment is. Two catalog reads.
 */
public final class EnvironmentStates {
    private final Map<String, List<String>> environments = new HashMap<>();
    private final Map<String, Map<String, String>> states = new HashMap<>();

    private EnvironmentStates() {
    }

    public static EnvironmentStates of(Catalog catalog) {
        EnvironmentStates out = new EnvironmentStates();
        List<Placement> current = catalog.currentPlacements();
        Map<Long, PlacementVerification> verifications = catalog.verifications(current.stream().map(Placement::id).toList());
        for (Placement p : current) {
            out.environments.computeIfAbsent(p.digest(), d -> new ArrayList<>()).add(p.environment());
            PlacementVerification v = verifications.get(p.id());
            if (v != null) {
                out.states.computeIfAbsent(p.digest(), d -> new LinkedHashMap<>()).put(p.environment(), v.state().label());
            }
        }
        return out;
    }

    /** The environments the image stands in now, by name. */
    public List<String> environments(String digest) {
        return environments.getOrDefault(digest, List.of());
    }

    /** environment → verifying, verified or verification failed; an environment that verifies nothing is absent. */
    public Map<String, String> verification(String digest) {
        return states.getOrDefault(digest, Map.of());
    }

    /** {@code dev, qa (verification failed)}: names, each with its verification unless verified. */
    public String labels(String digest) {
        return String.join(", ", labelList(digest));
    }

    public List<String> labelList(String digest) {
        List<String> out = new ArrayList<>();
        for (String env : environments(digest)) {
            String state = verification(digest).get(env);
            out.add(state == null || state.equals(PlacementVerification.State.VERIFIED.label()) ? env : env + " (" + state + ")");
        }
        return List.copyOf(out);
    }
}
