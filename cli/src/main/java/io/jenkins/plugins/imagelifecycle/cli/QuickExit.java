package io.jenkins.plugins.imagelifecycle.cli;

/**
 * JDK 17 makes {@code System.exit} wait up to 300 ms for every thread that sits in native code (HotSpot's
 * {@code VM_Exit::wait_for_threads_in_native_to_block}), and the JDK HTTP client's selector thread always sits in
 * {@code epoll_wait}: every command that spoke to a registry took a third of a second longer to exit than to finish
 * (seen with strace: the last write, then 0.32 s, then {@code exit_group}). The selector thread ends its loop when
 * interrupted, so the command line interrupts it once the command is done, and waits for it briefly.
 */
final class QuickExit {
    /** The JDK names its client's selector threads {@code HttpClient-<n>-SelectorManager}. */
    private static final String SELECTOR_THREAD = "-SelectorManager";

    private QuickExit() {
    }

    static void releaseThreadsInNative() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isDaemon() && thread.getName().startsWith("HttpClient-") && thread.getName().endsWith(SELECTOR_THREAD)) {
                thread.interrupt();
                try {
                    thread.join(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
