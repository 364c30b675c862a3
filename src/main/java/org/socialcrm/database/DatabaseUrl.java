package org.socialcrm.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location given as one URL ({@code postgresql://user:password@host:5432/db}), turned into the
 * reactive and JDBC forms Quarkus needs. A malformed URL is refused with a message that never quotes it, nor a cause
 * that does: the URL carries the password, and start-up failures are logged.
 */
public record DatabaseUrl(String host, int port, String database, String username, String password) {

    private static final String EXPECTED = "The database URL must look like postgresql://user:password@host:5432/database";

    public static DatabaseUrl parse(String url) {
        String normalized = url.trim().replaceFirst("^jdbc:", "").replaceFirst("^postgres(ql)?://", "postgresql://");
        if (!normalized.startsWith("postgresql://")) {
            throw new IllegalArgumentException(EXPECTED);
        }
        try {
            return parseUri(new URI(normalized));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // neither the message nor the cause: both quote the URL, password included
            throw new IllegalArgumentException(EXPECTED + " (the URL given is malformed; it is not shown, as it may hold a password;"
                    + " percent-encode special characters in the user name and password)");
        }
    }

    private static DatabaseUrl parseUri(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new DatabaseUrl(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                path.isEmpty() ? "postgres" : path, user, password);
    }

    /** Without the password, should it ever reach a log line. */
    @Override
    public String toString() {
        return "DatabaseUrl[" + username + "@" + host + ":" + port + "/" + database + (password != null ? ", password=***]" : "]");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8); // a URL's '+' is a plus, not a space
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
