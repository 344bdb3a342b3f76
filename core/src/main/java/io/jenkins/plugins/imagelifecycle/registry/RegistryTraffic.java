package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * How much one client asks of each registry: at most a bounded number of requests in flight per host (so a
 * watch of thousands of tags, or many promotions at once, open no more connections than that), and a registry
 * that answers 429 Too Many Requests is left alone for the time its {@code Retry-After} asks, that registry
 * alone: requests to others go on. A request that met a 429 is sent again after the pause, a few times.
 */
public final class RegistryTraffic {
    public static final int DEFAULT_CONNECTIONS = 32;
    static final int MAX_CONNECTIONS = 256;
    /** A 429 without Retry-After waits this long; a longer Retry-After than the cap waits the cap. */
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_PAUSE = Duration.ofSeconds(60);
    static final int ATTEMPTS = 6;

    private final Function<String, Integer> limits;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    /** @param limits the most requests in flight to each host; null for a host means {@link #DEFAULT_CONNECTIONS} */
    public RegistryTraffic(Function<String, Integer> limits) {
        this.limits = limits;
    }

    public static RegistryTraffic defaults() {
        return new RegistryTraffic(host -> null);
    }

    /** Refuses a limit outside 1…256 with the value and what was expected. */
    public static int checkLimit(String host, Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_CONNECTIONS)) {
            throw new BadInputException("maxConnections " + limit + " of registry " + host + " is out of range; expected 1 to "
                    + MAX_CONNECTIONS);
        }
        return limit == null ? DEFAULT_CONNECTIONS : limit;
    }

    interface Call<T> {
        HttpResponse<T> send() throws IOException, InterruptedException;
    }

    /** Sends within the host's bound, after any pause it asked for; a 429 pauses the host and sends again. */
    <T> HttpResponse<T> send(String host, Call<T> call) throws IOException, InterruptedException {
        Host h = hosts.computeIfAbsent(host, name -> new Host(checkLimit(name, limits.apply(name))));
        for (int attempt = 1; ; attempt++) {
            h.awaitPause();
            HttpResponse<T> response;
            h.permits.acquire();
            try {
                response = call.send();
            } finally {
                h.permits.release();
            }
            if (response.statusCode() != 429 || attempt == ATTEMPTS) {
                return response;
            }
            if (response.body() instanceof InputStream in) {
                in.close();
            }
            h.pauseFor(retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
    }

    /** Retry-After in seconds or as an HTTP date (RFC 9110), within 0…{@link #MAX_PAUSE}. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAUSE;
        }
        Duration pause;
        try {
            pause = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                pause = Duration.between(java.time.Instant.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notADate) {
                return DEFAULT_PAUSE;
            }
        }
        return pause.isNegative() ? Duration.ZERO : pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }

    /** The most requests in flight to {@code host} at once. */
    public int limit(String host) {
        return checkLimit(host, limits.apply(host));
    }

    /** The most requests this client has had in flight to {@code host} at once (for tests and figures). */
    public int peakInFlight(String host) {
        Host h = hosts.get(host);
        return h == null ? 0 : h.peak;
    }

    private static final class Host {
        final Semaphore permits;
        final int limit;
        private volatile long pausedUntilNanos;
        volatile int peak;

        Host(int limit) {
            this.limit = limit;
            this.pausedUntilNanos = System.nanoTime();
            // fair: a request that waited out a pause is not overtaken for ever by newer ones
            this.permits = new Semaphore(limit, true) {
                private static final long serialVersionUID = 1L;

                @Override
                public void acquire() throws InterruptedException {
                    super.acquire();
                    int inFlight = limit - availablePermits();
                    synchronized (Host.this) {
                        if (inFlight > peak) {
                            peak = inFlight;
                        }
                    }
                }
            };
        }

        void pauseFor(Duration pause) {
            long until = System.nanoTime() + pause.toNanos();
            synchronized (this) {
                if (until - pausedUntilNanos > 0) {
                    pausedUntilNanos = until;
                }
            }
        }

        void awaitPause() throws InterruptedException {
            long wait;
            while ((wait = pausedUntilNanos - System.nanoTime()) > 0) {
                // the registry asked for this pause: waiting it out is the point, not synchronisation
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
