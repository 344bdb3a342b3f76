package io.jenkins.plugins.imagelifecycle.catalog;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a database refused a catalog's login, in words that need no password to say: told apart by SQLSTATE, which
 * PostgreSQL and its driver set the same in every language they speak.
 */
final class LoginRefusal {
    /** invalid_password: PostgreSQL's answer to a wrong password. */
    private static final String INVALID_PASSWORD = "28P01";
    /** invalid_authorization_specification: no such role, or no pg_hba.conf line lets it in. */
    private static final String INVALID_AUTHORIZATION = "28000";
    /** The driver's connection_rejected: among others, a server asking for a password when none was given. */
    private static final String CONNECTION_REJECTED = "08004";
    private static final Pattern URL_USER = Pattern.compile("[?&;]user=([^&;]*)");

    private LoginRefusal() {
    }

    /** The user a login was for: the one given beside the URL, else the URL's {@code user=} parameter; empty when neither. */
    static Optional<String> user(String url, String givenUser) {
        if (givenUser != null) {
            return Optional.of(givenUser);
        }
        Matcher m = URL_USER.matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * @param passwordGiven whether the catalog was given a password (beside the URL or in it); without one, the driver
     *                      looks in the PostgreSQL password file
     * @return why the login was refused, or empty when {@code e} is not a refused login
     */
    static Optional<String> reason(SQLException e, boolean passwordGiven) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                switch (s.getSQLState()) {
                    case INVALID_PASSWORD:
                        return Optional.of("password authentication failed");
                    case INVALID_AUTHORIZATION:
                        return Optional.of("authentication failed (no such user, or the server admits it from nowhere here)");
                    case CONNECTION_REJECTED:
                        if (!passwordGiven) {
                            return Optional.of("the server asks for a password and none was given");
                        }
                        break;
                    default:
                        break;
                }
            }
        }
        return Optional.empty();
    }
}
