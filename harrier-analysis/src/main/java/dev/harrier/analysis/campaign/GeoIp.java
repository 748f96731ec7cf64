package dev.harrier.analysis.campaign;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Country of an IP address from a MaxMind-format (MMDB) database, such as the DB-IP Lite country database (CC BY 4.0;
 * reports that use it must say "IP geolocation by DB-IP"). Harrier ships no database: the user supplies one.
 *
 * <p>Records are read in either of the two common layouts: a top-level {@code country_code} (DB-IP's CSV-style
 * lite format) or GeoIP2-style {@code country.iso_code}. Lookups are thread-safe.
 */
public final class GeoIp implements AutoCloseable {
    /** The attribution line DB-IP's licence requires wherever its data is shown. */
    public static final String DBIP_ATTRIBUTION = "IP geolocation by DB-IP (https://db-ip.com), CC BY 4.0";

    private final Reader reader;
    private final String description;

    private GeoIp(Reader reader, String description) {
        this.reader = reader;
        this.description = description;
    }

    /**
     * Opens an MMDB file.
     *
     * @throws IOException when the file is missing or is not an MMDB database
     */
    public static GeoIp open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        Reader r;
        try {
            r = new Reader(file.toFile(), new CHMCache());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a GeoIP (MMDB) database: " + e.getMessage(), e);
        }
        return new GeoIp(r, file.getFileName() + " (" + r.getMetadata().databaseType() + ")");
    }

    /** The database's file name and type, for reports. */
    public String describe() {
        return description;
    }

    /** Whether this looks like a DB-IP database (whose licence requires {@link #DBIP_ATTRIBUTION}). */
    public boolean isDbIp() {
        return description.toLowerCase(Locale.ROOT).contains("dbip")
                || description.toLowerCase(Locale.ROOT).contains("db-ip");
    }

    /** The ISO 3166 alpha-2 country of an address (4 or 16 bytes), upper case, when the database knows it. */
    public Optional<String> country(byte[] address) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> rec = reader.get(InetAddress.getByAddress(address), Map.class);
            return Optional.ofNullable(code(rec));
        } catch (UnknownHostException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a corrupt record reads as unknown
        }
    }

    private static @Nullable String code(@Nullable Map<String, Object> rec) {
        if (rec == null) {
            return null;
        }
        Object c = rec.get("country_code");
        if (c == null && rec.get("country") instanceof Map<?, ?> m) {
            c = m.get("iso_code");
        }
        if (c instanceof String s && s.length() == 2) {
            return s.toUpperCase(Locale.ROOT);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }
}
