package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every image, oldest first, a page at a time: one cursor over the images and one per table beside them, all in the
 * same order ({@link ImageOrderedRows}), so that a catalog of any size is listed in the memory of one page and each
 * table is scanned once. Pages carry no provenance (a listing never shows it; {@link Catalog#find} has it).
 */
final class ImagePages {
    private ImagePages() {
    }

    /**
     * @param withActivity also each image's latest test run and contents summary
     * @param withEvents   also each image's events (without details): the table with the most rows, read only when shown
     */
    static void each(Connection c, int pageSize, boolean withActivity, boolean withEvents, Catalog.ActivityPageVisitor visitor)
            throws SQLException {
        try (PreparedStatement images = c.prepareStatement("SELECT " + ImageRows.COLUMNS.replace("i.provenance", "NULL")
                + " FROM images i" + ImageOrderedRows.IMAGE_ORDER);
             ImageOrderedRows<String> tags = new ImageOrderedRows<>(c, "t.digest, t.ref", "image_tags t",
                     ", t.recorded_at, t.ref", pageSize, rs -> rs.getString(2));
             ImageOrderedRows<LifecycleEvent> events = withEvents ? EventRows.inImageOrderWithoutDetails(c, pageSize) : null;
             ImageOrderedRows<TestRunTally> runs = withActivity ? TestRunRows.inImageOrder(c, pageSize) : null;
             ImageOrderedRows<ContentsStore.Summary> contents = withActivity ? ContentsStore.summariesInImageOrder(c, pageSize) : null) {
            images.setFetchSize(pageSize);
            try (ResultSet rs = images.executeQuery()) {
                PageBuilder page = new PageBuilder(pageSize);
                while (rs.next()) {
                    ImageRecord image = ImageRows.read(rs);
                    page.images.add(image.withTags(tags.of(image.digest())));
                    if (withActivity) {
                        page.put(image.digest(), withEvents ? events.of(image.digest()) : List.of(),
                                TestRunRows.tally(runs.of(image.digest())), contents.of(image.digest()));
                    }
                    if (page.images.size() == pageSize) {
                        visitor.visit(page.build());
                        page = new PageBuilder(pageSize);
                    }
                }
                if (!page.images.isEmpty()) {
                    visitor.visit(page.build());
                }
            }
        }
    }

    private static final class PageBuilder {
        final List<ImageRecord> images;
        final Map<String, List<LifecycleEvent>> histories = new HashMap<>();
        final Map<String, TestRunTally> tests = new HashMap<>();
        final Map<String, ContentsStore.Summary> contents = new HashMap<>();

        PageBuilder(int size) {
            images = new ArrayList<>(size);
        }

        void put(String digest, List<LifecycleEvent> events, TestRunTally tally, List<ContentsStore.Summary> summary) {
            if (!events.isEmpty()) {
                histories.put(digest, events);
            }
            if (tally != null) {
                tests.put(digest, tally);
            }
            if (!summary.isEmpty()) {
                contents.put(digest, summary.get(0));
            }
        }

        Catalog.ImageActivityPage build() {
            return new Catalog.ImageActivityPage(List.copyOf(images), histories, tests, contents);
        }
    }
}
