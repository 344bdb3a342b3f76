package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import java.util.List;
import java.util.Set;

/** What the view's reading thread hands its writing thread, in the order the document is written. */
sealed interface ViewPart permits ViewPart.Start, Images.Page, ViewPart.End {
    /** Before the images: the environments, configured ones first, and what writes each image's entry. */
    record Start(List<String> environments, Images images) implements ViewPart {
    }

    /** After the images: the lineage of those shown (for the edges), every digest known, the families, the timelines. */
    record End(List<LineageRow> shown, Set<String> known, List<String> families, ObjectNode timelines) implements ViewPart {
    }
}
