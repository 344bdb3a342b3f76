package io.jenkins.plugins.imagelifecycle.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InventoryReader;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.registry.RegistryEndpoint;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One inventory read of an image, for the heap it needs: run it with {@code -Xmx256m}. The peak is read at
 * every collection from the collector's own figures: the heap in use just before it (the highest the heap
 * got, garbage included) and just after it (what was still reachable). A benchmark, not a test:
 * bench/inventory-heap.sh builds the ~1 GB image.
 *
 * <p>Argument: the pinned reference ({@code HOST/REPO@sha256:…}).
 */
public final class InventoryHeapBench {
    private InventoryHeapBench() {
    }

    public static void main(String[] args) {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong peakBeforeGc = new AtomicLong();
        AtomicLong peakAfterGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                peakBeforeGc.accumulateAndGet(used(info.getMemoryUsageBeforeGc(), heapPools), Math::max);
                peakAfterGc.accumulateAndGet(used(info.getMemoryUsageAfterGc(), heapPools), Math::max);
                collections.incrementAndGet();
            }, null, null);
        }

        ImageRef pinned = ImageRef.parse(args[0]);
        RegistryClient registry = new RegistryClient(RegistryEndpoint::defaultFor, host -> Optional.empty());
        long t0 = System.nanoTime();
        ImageInventory inventory = new InventoryReader(registry).read(pinned);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes = inventory.files().stream().filter(FileEntry::isRegularFile).mapToLong(FileEntry::size).sum();
        long usedAtEnd = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        System.out.printf("inventory read in %.2f s: %d layers, %d regular files, %.1f MB of files%n", seconds,
                inventory.layers().size(), inventory.fileCount(), bytes / 1e6);
        System.out.printf("max heap %d MiB; %d collections; heap in use: peak before a collection %d MiB, "
                        + "largest still reachable after one %d MiB, at the end %d MiB (sum of the pools' own peaks %d MiB)%n",
                mib(Runtime.getRuntime().maxMemory()), collections.get(), mib(Math.max(peakBeforeGc.get(), usedAtEnd)),
                mib(peakAfterGc.get()), mib(usedAtEnd), mib(poolPeaks));
    }

    private static long used(Map<String, MemoryUsage> pools, Set<String> heapPools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
