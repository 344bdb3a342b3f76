package io.jenkins.plugins.imagelifecycle.plugin.config;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a catalog URL in the global configuration may be: PostgreSQL or H2, never with a password in it (it would
 * sit in the configuration file and in JCasC exports; credentials hold it), and never an H2 URL that runs SQL of
 * its own on connect ({@code INIT=}, {@code RUNSCRIPT}): whoever may configure could otherwise run code in the
 * controller's JVM through H2's CREATE ALIAS.
 */
final class CatalogUrls {
    private static final Pattern USER_INFO_WITH_PASSWORD = Pattern.compile("^jdbc:postgresql://[^/?#@]*:[^/?#@]*@.*");

    private CatalogUrls() {
    }

    /** Refuses a URL it does not take, naming why; the password itself is never repeated. */
    static void check(String url) {
        if (url == null || url.isBlank()) {
            return;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
            throw new BadInputException("Catalog URL '" + url + "' is not supported; expected jdbc:postgresql://host:5432/database, "
                    + "or blank for the embedded catalog");
        }
        if (lower.contains("password=") || USER_INFO_WITH_PASSWORD.matcher(lower).matches()) {
            throw new BadInputException("Catalog URL carries a password; expected it in credentials (Catalog credentials), not in the URL");
        }
        if (lower.startsWith("jdbc:h2:") && (lower.contains("init=") || lower.contains("runscript"))) {
            throw new BadInputException("Catalog URL '" + url + "' runs SQL on connect (INIT or RUNSCRIPT); expected a plain H2 URL");
        }
    }
}
