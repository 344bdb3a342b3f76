package io.jenkins.plugins.imagelifecycle.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The read-ahead's contract: order kept, memory bounded by its depth, a failure on either side ends both. */
class ReadAheadTest {
    @Test
    void handsEveryPartOverInOrderAndNeverHoldsMoreThanItsDepth() throws IOException {
        List<Integer> written = new ArrayList<>();
        int[] readAhead = {0};
        int[] mostAhead = {0};
        ReadAhead.<Integer>run("test reader", 2, sink -> {
            for (int k = 0; k < 1000; k++) {
                synchronized (readAhead) {
                    readAhead[0]++;
                    mostAhead[0] = Math.max(mostAhead[0], readAhead[0]);
                }
                sink.accept(k);
            }
        }, part -> {
            synchronized (readAhead) {
                readAhead[0]--;
            }
            written.add(part);
        });

        assertThat(written).hasSize(1000).isSorted();
        // two waiting in the queue, one being handed over, one being written
        assertThat(mostAhead[0]).isLessThanOrEqualTo(4);
    }

    @Test
    void aFailedWriterEndsTheReaderBeforeRunReturns() {
        AtomicBoolean readerEnded = new AtomicBoolean();
        AtomicReference<Thread> reader = new AtomicReference<>();
        assertThatThrownBy(() -> ReadAhead.<Integer>run("test reader", 2, sink -> {
            reader.set(Thread.currentThread());
            try {
                for (int k = 0; ; k++) {
                    sink.accept(k);
                }
            } finally {
                readerEnded.set(true);
            }
        }, part -> {
            if (part == 5) {
                throw new IOException("client went away at part 5");
            }
        })).isInstanceOf(IOException.class).hasMessage("client went away at part 5");

        assertThat(readerEnded).isTrue();
        assertThat(reader.get().isAlive()).isFalse();
    }

    @Test
    void aFailedReaderIsThrownAsItWasAfterWhatItReadBeforeIsWritten() {
        List<Integer> written = new ArrayList<>();
        assertThatThrownBy(() -> ReadAhead.<Integer>run("test reader", 2, sink -> {
            sink.accept(1);
            sink.accept(2);
            throw new IllegalStateException("catalog closed under the reader");
        }, written::add)).isInstanceOf(IllegalStateException.class).hasMessage("catalog closed under the reader");
        assertThat(written).containsExactly(1, 2);

        assertThatThrownBy(() -> ReadAhead.<Integer>run("test reader", 2, sink -> {
            throw new java.io.UncheckedIOException(new IOException("disk gone"));
        }, written::add)).isInstanceOf(IOException.class).hasMessage("disk gone");
    }
}
