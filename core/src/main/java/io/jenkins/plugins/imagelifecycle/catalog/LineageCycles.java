package io.jenkins.plugins.imagelifecycle.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cycles among parent links. Every walk up the lineage (ancestors, the fitness check's base, cascades) assumes
 * there are none and stops only at a depth bound, so one cycle makes them all go round it.
 */
final class LineageCycles {
    private LineageCycles() {
    }

    /**
     * @param parents each image's parent digest, by digest (images without a parent may be left out)
     * @return each cycle once, as its digests in parent order starting from the smallest; in the order of that digest
     */
    static List<List<String>> of(Map<String, String> parents) {
        Set<String> settled = new HashSet<>();
        Map<String, List<String>> cycles = new TreeMap<>();
        for (String start : new TreeMap<>(parents).keySet()) {
            Map<String, Integer> onPath = new HashMap<>();
            List<String> path = new ArrayList<>();
            String at = start;
            while (at != null && !settled.contains(at) && !onPath.containsKey(at)) {
                onPath.put(at, path.size());
                path.add(at);
                at = parents.get(at);
            }
            if (at != null && onPath.containsKey(at)) {
                List<String> cycle = path.subList(onPath.get(at), path.size());
                int first = cycle.indexOf(cycle.stream().min(String::compareTo).orElseThrow());
                List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
                rotated.addAll(cycle.subList(0, first));
                cycles.put(rotated.get(0), rotated);
            }
            settled.addAll(path);
        }
        return List.copyOf(cycles.values());
    }
}
