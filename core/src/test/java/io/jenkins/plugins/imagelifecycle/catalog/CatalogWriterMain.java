package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Role;

/** A second process for {@link CatalogTest}: writes N images into the catalog at args[0]. */
public final class CatalogWriterMain {
    private CatalogWriterMain() {
    }

    public static void main(String[] args) {
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
}
