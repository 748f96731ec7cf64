package dev.harrier.analysis.campaign;

import dev.harrier.core.Limits;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an assets CSV: a header row, then one asset per row.
 *
 * <p>Columns (matched by header name, ignoring case, in any order): {@code host}, {@code ip ranges} (also {@code
 * ip_ranges}, {@code ips}, {@code ranges}: CIDR ranges or single addresses separated by {@code ;}, spaces or, inside
 * quotes, commas), {@code organisation} (or {@code organization}, {@code org}), {@code sector}, {@code country} (ISO
 * 3166 alpha-2) and {@code region} (or {@code province}). {@code organisation} and one of {@code host} / {@code ip
 * ranges} are required per row. Blank lines and lines starting with {@code #} are skipped. A malformed row is
 * reported with file, line and field, and the other rows are still read.
 */
public final class AssetCsv {
    private static final Pattern RANGE_SEPARATORS = Pattern.compile("[;,\\s]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** The most rows read from one file: 1,000,000; the rest is reported as one error. */
    public static final int MAX_ROWS = 1_000_000;

    /**
     * The result of reading a file.
     *
     * @param assets the rows that passed, in file order
     * @param errors the rejected rows (at most {@link Limits#maxErrorsReported()} of them)
     * @param rejected how many rows were rejected (errors beyond the reporting cap included)
     */
    public record Parsed(List<Asset> assets, List<AssetError> errors, long rejected) {
        public Parsed {
            assets = List.copyOf(assets);
            errors = List.copyOf(errors);
        }
    }

    private AssetCsv() {}

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the header row is missing or lacks the required columns
     */
    public static Parsed read(Path file, Limits limits) throws IOException {
        String name = file.toString();
        List<Asset> assets = new ArrayList<>();
        List<AssetError> errors = new ArrayList<>();
        long[] rejected = {0};
        Map<String, Long> seen = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Integer> columns = null;
            String line;
            long no = 0;
            int rows = 0;
            while ((line = in.readLine()) != null) {
                no++;
                if (no == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (columns == null) {
                    columns = header(name, no, split(line));
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    report(
                            errors,
                            rejected,
                            limits,
                            new AssetError(
                                    name,
                                    no,
                                    "row",
                                    "more than " + MAX_ROWS + " rows: the rest of the file is not read"));
                    break;
                }
                if (line.length() > limits.maxLineLength()) {
                    report(
                            errors,
                            rejected,
                            limits,
                            new AssetError(name, no, "row", "longer than " + limits.maxLineLength() + " characters"));
                    continue;
                }
                Object r = row(name, no, line, columns);
                if (r instanceof AssetError e) {
                    report(errors, rejected, limits, e);
                    continue;
                }
                Asset a = (Asset) r;
                Long first = seen.putIfAbsent(a.key(), no);
                if (first != null) {
                    report(
                            errors,
                            rejected,
                            limits,
                            new AssetError(
                                    name,
                                    no,
                                    a.host() != null ? "host" : "ip ranges",
                                    "'" + a.key() + "' is already defined on line " + first));
                    continue;
                }
                assets.add(a);
            }
            if (columns == null) {
                throw new IllegalArgumentException(name + ": empty: expected a header row (host,ip ranges,"
                        + "organisation,sector,country,region)");
            }
        }
        return new Parsed(assets, errors, rejected[0]);
    }

    private static void report(List<AssetError> errors, long[] rejected, Limits limits, AssetError e) {
        rejected[0]++;
        if (errors.size() < limits.maxErrorsReported()) {
            errors.add(e);
        }
    }

    private static Map<String, Integer> header(String file, long line, List<String> cells) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i)
                    .trim()
                    .toLowerCase(Locale.ROOT)
                    .replace('_', ' ')
                    .replace('-', ' ');
            String key = switch (c) {
                case "host", "hostname", "host name" -> "host";
                case "ip ranges", "ip range", "ips", "ip", "ranges", "cidr", "cidrs", "networks" -> "ip ranges";
                case "organisation", "organization", "org" -> "organisation";
                case "sector", "industry" -> "sector";
                case "country", "country code" -> "country";
                case "region", "province", "state", "region/province" -> "region";
                default -> null;
            };
            if (key == null) {
                throw new IllegalArgumentException(file + ":" + line + ": header: unknown column '" + cells.get(i)
                        + "' (expected host, ip ranges, organisation, sector, country, region)");
            }
            if (columns.putIfAbsent(key, i) != null) {
                throw new IllegalArgumentException(file + ":" + line + ": header: column '" + key + "' twice");
            }
        }
        if (!columns.containsKey("organisation")
                || (!columns.containsKey("host") && !columns.containsKey("ip ranges"))) {
            throw new IllegalArgumentException(file + ":" + line + ": header: needs the columns organisation and host"
                    + " or ip ranges (found " + String.join(",", cells) + ")");
        }
        return columns;
    }

    /** One row as an {@link Asset}, or the {@link AssetError} that rejects it. */
    private static Object row(String file, long line, String text, Map<String, Integer> columns) {
        List<String> cells;
        try {
            cells = split(text);
        } catch (IllegalArgumentException e) {
            return new AssetError(file, line, "row", e.getMessage());
        }
        if (cells.size() != columns.size()) {
            return new AssetError(file, line, "row", "expected " + columns.size() + " columns, found " + cells.size());
        }
        String host = cell(cells, columns, "host");
        String organisation = cell(cells, columns, "organisation");
        String sector = cell(cells, columns, "sector");
        String country = cell(cells, columns, "country");
        String region = cell(cells, columns, "region");
        String rangesText = cell(cells, columns, "ip ranges");
        if (organisation == null) {
            return new AssetError(file, line, "organisation", "empty");
        }
        if (host != null && !HOST.matcher(host).matches()) {
            return new AssetError(file, line, "host", "'" + host + "' is not a host name");
        }
        Set<String> ranges = new LinkedHashSet<>();
        if (rangesText != null) {
            for (String r : RANGE_SEPARATORS.split(rangesText)) {
                if (r.isEmpty()) {
                    continue;
                }
                Cidr c = Cidr.parse(r);
                if (c == null) {
                    return new AssetError(file, line, "ip ranges", "'" + r + "' is not an address or CIDR range");
                }
                ranges.add(c.text());
            }
        }
        if (host == null && ranges.isEmpty()) {
            return new AssetError(file, line, "host", "a row needs a host or an IP range");
        }
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(country)) {
                return new AssetError(file, line, "country", "'" + country + "' is not an ISO 3166 alpha-2 code");
            }
        }
        if (sector != null) {
            sector = sector.toLowerCase(Locale.ROOT);
        }
        return new Asset(host, List.copyOf(ranges), organisation, sector, country, region);
    }

    private static @Nullable String cell(List<String> cells, Map<String, Integer> columns, String column) {
        Integer i = columns.get(column);
        if (i == null) {
            return null;
        }
        String v = cells.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    /** Splits one CSV line: commas separate, double quotes quote, {@code ""} inside quotes is one quote. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }
}
