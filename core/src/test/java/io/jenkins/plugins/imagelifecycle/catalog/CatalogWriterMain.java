package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Role;

/**
 * A second process for {@link CatalogTest}: writes N images into the catalog at args[0]; or, with
 * {@code hold}, writes one image inside a transaction it never ends (until it is killed).
 */
public final class CatalogWriterMain {
    private CatalogWriterMain() {
    }

    public static void main(String[] args) {
        if (args[1].equals("hold")) {
            hold(args[0]);
            return;
        }
        try (Catalog catalog = Catalog.open(args[0])) {
            int n = Integer.parseInt(args[2]);
            for (int i = 0; i < n; i++) {
                ImageRecord img = CatalogTest.image("apps/" + args[1] + i, null, Role.AUGMENTED);
                catalog.recordBuilt(img, CatalogTest.born(img));
            }
            if (args.length > 3 && args[3].equals("then-hang")) {
                System.out.println("committed");
                System.out.flush();
                Thread.sleep(600_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void hold(String location) {
        try (Catalog catalog = Catalog.open(location)) {
            catalog.inTransaction(c -> {
                try (var s = c.prepareStatement("INSERT INTO events (at, actor, action, reason) "
                        + "VALUES (CURRENT_TIMESTAMP, 'holder', 'bless', 'never committed')")) {
                    s.executeUpdate();
                }
                System.out.println("holding " + ProcessHandle.current().pid());
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }
    }
}
