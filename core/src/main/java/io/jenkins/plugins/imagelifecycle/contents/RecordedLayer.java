package io.jenkins.plugins.imagelifecycle.contents;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer's entries as they were read, kept to be applied later: a {@code docker save} archive holds
 * its layers in no particular order and names their order only at its end. Holds what the merged file
 * system would (metadata, digests, the few captured files), never file contents otherwise.
 */
final class RecordedLayer implements LayerSink {
    private record Applied(FileEntry entry, byte[] content) {
    }

    private final List<Applied> applied = new ArrayList<>();

    @Override
    public void startLayer() {
        // one recording is one layer
    }

    @Override
    public void apply(FileEntry entry, byte[] content) {
        applied.add(new Applied(entry, content));
    }

    /** Applies the recorded entries to {@code fs} as the next layer, naming {@code layer} as the one that wrote them. */
    void replay(LayerSink fs, String layer) {
        fs.startLayer();
        for (Applied a : applied) {
            FileEntry e = a.entry();
            fs.apply(new FileEntry(e.path(), e.type(), e.size(), e.mode(), e.sha256(), layer, e.link()), a.content());
        }
    }
}
