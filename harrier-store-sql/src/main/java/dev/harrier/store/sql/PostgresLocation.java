package dev.harrier.store.sql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL location, parsed from {@code postgresql://user:pass@host:port/db?schema=name} or the JDBC form
 * {@code jdbc:postgresql://host:port/db?user=..&password=..&schema=..}.
 *
 * <p>User and password may come from the URL's user-info part (percent-encoded) or from {@code user}/{@code
 * password} parameters. {@code schema} is Harrier's own parameter: the case lives in that schema. Other parameters
 * are passed to the JDBC driver as written.
 *
 * @param jdbcUrl the driver URL, without credentials and without {@code schema}
 * @param user the user name, if given
 * @param password the password, if given
 * @param schema the schema of the case, if given
 * @param display the location with the password masked
 */
record PostgresLocation(
        String jdbcUrl,
        @Nullable String user,
        @Nullable String password,
        @Nullable String schema,
        String display) {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String MASK = "***";

    /** Whether {@code location} names a PostgreSQL database. */
    static boolean matches(String location) {
        return prefixLength(location) > 0;
    }

    /** Parses {@code location}; throws {@link IllegalArgumentException} when it is not a PostgreSQL location. */
    static PostgresLocation parse(String location) {
        int start = prefixLength(location);
        if (start == 0) {
            throw new IllegalArgumentException("not a PostgreSQL location (postgresql://host/db)");
        }
        String scheme = location.substring(0, start);
        String rest = location.substring(start);
        int q = rest.indexOf('?');
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        int at = beforeQuery.lastIndexOf('@');
        String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
        String hostAndPath = beforeQuery.substring(at + 1);
        if (hostAndPath.isEmpty() || hostAndPath.startsWith("/")) {
            throw new IllegalArgumentException("no host in PostgreSQL location " + scheme + "...");
        }
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String schema = null;
        List<String> driverParams = new ArrayList<>();
        List<String> shownParams = new ArrayList<>();
        for (String param : query.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(param.substring(eq + 1));
            switch (name) {
                case "schema" -> {
                    schema = value;
                    shownParams.add(param);
                }
                case "user" -> {
                    user = value;
                    shownParams.add(param);
                }
                case "password" -> {
                    password = value;
                    shownParams.add(param.substring(0, eq < 0 ? param.length() : eq) + "=" + MASK);
                }
                default -> {
                    driverParams.add(param);
                    shownParams.add(param);
                }
            }
        }
        if (schema != null && !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a plain SQL identifier (letters, digits, _): " + schema);
        }
        String jdbcUrl = "jdbc:postgresql://" + hostAndPath
                + (driverParams.isEmpty() ? "" : "?" + String.join("&", driverParams));
        StringBuilder display = new StringBuilder(scheme);
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            display.append(colon < 0 ? userInfo : userInfo.substring(0, colon) + ":" + MASK)
                    .append('@');
        }
        display.append(hostAndPath);
        if (!shownParams.isEmpty()) {
            display.append('?').append(String.join("&", shownParams));
        }
        return new PostgresLocation(jdbcUrl, user, password, schema, display.toString());
    }

    /** {@code location} with any password masked; other text is returned as is. */
    static String redact(String location) {
        int start = prefixLength(location);
        if (start == 0) {
            return location;
        }
        try {
            return parse(location).display();
        } catch (IllegalArgumentException e) {
            return location.substring(0, start) + "(unparsable location hidden)";
        }
    }

    @Override
    public String toString() {
        return display;
    }

    private static int prefixLength(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        for (String p : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
            if (l.startsWith(p)) {
                return p.length();
            }
        }
        return 0;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
