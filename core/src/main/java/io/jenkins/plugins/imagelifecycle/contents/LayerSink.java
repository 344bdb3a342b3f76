package io.jenkins.plugins.imagelifecycle.contents;

/** Where a layer's entries go as they are read: the merged file system, or a recording replayed into it later. */
interface LayerSink {
    /** The entries that follow belong to the next layer up. */
    void startLayer();

    /** One tar entry of the current layer, with its bytes when the inventory keeps them (else null). */
    void apply(FileEntry entry, byte[] content);
}
