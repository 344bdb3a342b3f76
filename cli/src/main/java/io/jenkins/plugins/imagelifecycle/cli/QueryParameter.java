package io.jenkins.plugins.imagelifecycle.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** One parameter of a request's query string ({@code a=1&digest=sha256%3A…}), as the JDK's server does not parse it. */
final class QueryParameter {
    private QueryParameter() {
    }

    /**
     * The decoded value of the first {@code name=…}, or null when the query has none; a value that does not decode (a
     * stray {@code %}) is returned raw, for the caller's message to name.
     */
    static String of(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                try {
                    return URLDecoder.decode(value, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return value;
                }
            }
        }
        return null;
    }
}
