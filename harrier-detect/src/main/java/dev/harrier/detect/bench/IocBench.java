package dev.harrier.detect.bench;

import dev.harrier.core.Limits;
import dev.harrier.detect.bench.DetectBench.HeapPoint;
import dev.harrier.detect.bench.DetectBench.Pass;
import dev.harrier.detect.bench.DetectBench.Throughput;
import dev.harrier.detect.ioc.IocEntry;
import dev.harrier.detect.ioc.IocHit;
import dev.harrier.detect.ioc.IocIndex;
import dev.harrier.detect.ioc.IocKind;
import dev.harrier.detect.ioc.IocMatcher;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.EventSources;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Measures IOC matching throughput against plain parsing of the same Zeek logs, in one JVM, and the time and heap
 * an {@link IocIndex} of many indicators takes to build.
 *
 * <p><b>Input.</b> {@link #indicator(long, int)} derives indicator {@code i} from the seed and {@code i} alone, so
 * that the log writer can plant hits without holding the indicator list. Indicators come in a fixed mix, by {@code
 * i % 100}: 40 % IPv4 addresses, 5 % IPv4 networks (prefix lengths /22 to /30), 5 % IPv6 addresses, 35 % domains, 5
 * % SHA-256 and 5 % MD5 hashes, 5 % URLs. Every value is unique and no indicator contains another. {@link
 * #writeLogs} writes Zeek TSV {@code conn.log} (60 % of the events) and {@code dns.log} (40 %) with the full
 * standard field sets of Zeek's ASCII writer (headers as Zeek writes them). Background values are drawn from ranges
 * no indicator uses (internal 10/8 and 192.168/16 clients, public servers in 128/1 and {@code fd00::/8}, names
 * under {@code .com}, {@code .org}, {@code .net}, {@code .io}), and a share {@code hitRate} of the events carries
 * exactly one planted observable of an indicator: a responder address (an address, an address inside a network, an
 * IPv6 address) in {@code conn.log}, the query (the domain itself or a subdomain) or an answer address in {@code
 * dns.log}. So an event matches at most one indicator and the matcher's hit count must equal the planted count.
 * Hashes and URLs never occur in conn and DNS logs: they are in the index (build time, memory) only.
 *
 * <p><b>Measurement.</b> The indicator list is generated, then indexed twice ({@link IocIndex#build}; the first,
 * cold build and the second, warm build are timed separately); heap in use after a full GC is taken before
 * generation, with the list, with list and index, and with the index alone. Then the same logs are read three ways:
 *
 * <ol>
 *   <li><b>parse only</b>: each line is decoded as UTF-8, header lines are skipped and data lines split on tab into
 *       a {@code String[]} of fields: plain TSV parsing, the counterpart of the plain-JSON floor of {@link
 *       DetectBench} (no types, no escapes, no map);
 *   <li><b>parse + map</b>: {@link EventSources} reads the directory (Zeek header handling, every value checked
 *       against its column type, events); Zeek TSV events build their typed values ({@code \xHH} escapes, sets and
 *       vectors as lists, timestamps) only when a field is read, which parse + match does for the fields that can
 *       carry observables;
 *   <li><b>parse + match</b>: the same, and every event goes through an {@link IocMatcher}.
 * </ol>
 *
 * <p>One warm-up pass of each comes first (heap sampled after GC at 25/50/75/100 % of the input during the
 * parse + match warm-up); then {@code passes} rounds run the three in turn, and the best and median of each are
 * reported. The ratio parse + match / parse only (median) is checked against {@link #TARGET}.
 */
public final class IocBench {
    /** The target: parse + match runs at no less than this share of parse-only throughput. */
    public static final double TARGET = 0.5;

    /** Default number of indicators. */
    public static final int DEFAULT_INDICATORS = 1_000_000;

    /** Default number of events (conn + dns). */
    public static final long DEFAULT_EVENTS = 1_000_000;

    /** Default share of events carrying one planted indicator observable. */
    public static final double DEFAULT_HIT_RATE = 0.01;

    /** Default random seed. */
    public static final long DEFAULT_SEED = 0x5EED_10C5L;

    /** Largest supported number of indicators (the generated address ranges must not overlap). */
    public static final int MAX_INDICATORS = 20_000_000;

    private static final long BASE_SECONDS = 1_709_280_000L;
    private static final String[] BAD_TLDS = {"xyz", "top", "ru", "info", "biz", "click", "su", "cc"};
    private static final String[] GOOD_TLDS = {"com", "org", "net", "io"};
    private static final String[] WORDS = {
        "cloud", "mail", "update", "cdn", "api", "static", "login", "secure", "portal", "data", "media", "shop",
        "news", "files", "img", "search", "app", "docs", "sync", "auth", "edge", "video", "store", "track"
    };
    private static final int[] PREFIXES = {22, 23, 24, 25, 26, 27, 28, 29, 30};

    private IocBench() {}

    // ------------------------------------------------------------------------------------------------ indicators

    /** The kind bucket of indicator {@code i}: its share of the mix and its ordinal among indicators of its kind. */
    private enum Mix {
        IPV4(0, 40),
        CIDR(40, 5),
        IPV6(45, 5),
        DOMAIN(50, 35),
        SHA256(85, 5),
        MD5(90, 5),
        URL(95, 5);

        final int start;
        final int width;

        Mix(int start, int width) {
            this.start = start;
            this.width = width;
        }

        static Mix of(int i) {
            int b = i % 100;
            Mix found = IPV4;
            for (Mix m : values()) {
                if (b >= m.start) {
                    found = m;
                }
            }
            return found;
        }

        /** The ordinal of indicator {@code i} among the indicators of this bucket. */
        long ordinal(int i) {
            return (long) (i / 100) * width + (i % 100 - start);
        }
    }

    /** Indicator {@code i} of the mix generated from {@code seed} (see the class description). */
    public static IocEntry indicator(long seed, int i) {
        if (i < 0 || i >= MAX_INDICATORS) {
            throw new IllegalArgumentException("indicator index out of range: " + i);
        }
        Mix m = Mix.of(i);
        long k = m.ordinal(i);
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        String id = "indicator--" + new UUID(r.nextLong(), r.nextLong());
        String value;
        IocKind kind;
        switch (m) {
            case IPV4 -> {
                kind = IocKind.IP;
                value = ipv4(indicatorV4(k));
            }
            case CIDR -> {
                kind = IocKind.IP;
                int prefix = PREFIXES[(int) (k % PREFIXES.length)];
                value = ipv4(cidrBase(k)) + "/" + prefix;
            }
            case IPV6 -> {
                kind = IocKind.IP;
                value = "2001:db8:" + Long.toHexString((k >>> 16) & 0xffff) + ":" + Long.toHexString(k & 0xffff) + "::"
                        + Integer.toHexString(1 + r.nextInt(0xfffe));
            }
            case DOMAIN -> {
                kind = IocKind.DOMAIN;
                value = domain(k, r);
            }
            case SHA256 -> {
                kind = IocKind.SHA256;
                value = hex(r, 32);
            }
            case MD5 -> {
                kind = IocKind.MD5;
                value = hex(r, 16);
            }
            default -> {
                kind = IocKind.URL;
                value = "http://" + domain(k, r) + "/" + WORDS[r.nextInt(WORDS.length)] + "/" + Long.toString(k, 36)
                        + ".php?id=" + r.nextInt(100_000);
            }
        }
        return new IocEntry(id, "Bench " + kind + " indicator " + i, kind, value, null, null);
    }

    /** The first {@code n} indicators generated from {@code seed}. */
    public static List<IocEntry> indicators(long seed, int n) {
        checkIndicators(n);
        List<IocEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(indicator(seed, i));
        }
        return out;
    }

    private static void checkIndicators(int n) {
        if (n < 100 || n > MAX_INDICATORS) {
            throw new IllegalArgumentException("indicators must be between 100 and " + MAX_INDICATORS + ": " + n);
        }
    }

    /** IPv4 indicator addresses: 11.0.0.0 up, a bijective scramble of the ordinal (unique for fewer than 2^24). */
    private static long indicatorV4(long k) {
        return 0x0B00_0000L + ((k * 0x9E3779B1L) & 0xFF_FFFFL) + ((k >>> 24) << 24);
    }

    /** IPv4 networks: one 1024-address block each from 32.0.0.0 up. */
    private static long cidrBase(long k) {
        return 0x2000_0000L + k * 1024;
    }

    private static String domain(long k, SplittableRandom r) {
        String label = WORDS[r.nextInt(WORDS.length)] + "-" + Long.toString(k * 7919 + 13, 36);
        String tld = BAD_TLDS[(int) (k % BAD_TLDS.length)];
        return (k % 4 == 0 ? "cdn." : "") + label + "." + tld;
    }

    private static String hex(SplittableRandom r, int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            int b = r.nextInt(256);
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    private static String ipv4(long a) {
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    // ------------------------------------------------------------------------------------------------ logs

    /**
     * What {@link #writeLogs} wrote.
     *
     * @param conn the {@code conn.log} file
     * @param dns the {@code dns.log} file
     * @param connEvents records in {@code conn.log}
     * @param dnsEvents records in {@code dns.log}
     * @param planted events carrying an indicator observable (each matches exactly one indicator)
     * @param plantedByKind planted observables: IPv4 address, address in a network, IPv6 address, DNS query, DNS
     *     answer
     * @param bytes size of both files
     * @param nanos time taken to write them
     */
    public record Logs(
            String conn,
            String dns,
            long connEvents,
            long dnsEvents,
            long planted,
            List<Long> plantedByKind,
            long bytes,
            long nanos) {
        public Logs {
            plantedByKind = List.copyOf(plantedByKind);
        }

        /** All events. */
        public long events() {
            return connEvents + dnsEvents;
        }
    }

    private static final String CONN_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
            + "#unset_field\t-\n#path\tconn\n#open\t2024-03-01-08-00-00\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes"
            + "\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes"
            + "\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool"
            + "\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n";

    private static final String DNS_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
            + "#unset_field\t-\n#path\tdns\n#open\t2024-03-01-08-00-00\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass"
            + "\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount"
            + "\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool\n";

    private static final String CLOSE = "#close\t2024-03-01-20-00-00\n";
    private static final String[] SERVICES = {"ssl", "http", "dns", "-", "ssh", "smtp", "ssl", "ssl"};
    private static final String[] STATES = {"SF", "SF", "SF", "S0", "REJ", "RSTO", "SH", "OTH"};
    private static final String[] HISTORIES = {"ShADadFf", "ShADadfF", "S", "ShR", "Dd", "ShADadR"};

    /**
     * Writes {@code conn.log} and {@code dns.log} with {@code events} records in all into {@code dir} (created if
     * needed), a share {@code hitRate} of them carrying an observable of one of the first {@code indicators}
     * indicators of {@code seed}.
     */
    public static Logs writeLogs(Path dir, long seed, int indicators, long events, double hitRate) throws IOException {
        checkIndicators(indicators);
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1: " + events);
        }
        if (!(hitRate >= 0 && hitRate <= 1)) {
            throw new IllegalArgumentException("hit rate must be between 0 and 1: " + hitRate);
        }
        long start = System.nanoTime();
        Files.createDirectories(dir);
        Path conn = dir.resolve("conn.log");
        Path dns = dir.resolve("dns.log");
        long connEvents = events * 6 / 10;
        long dnsEvents = events - connEvents;
        long[] byKind = new long[5];
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(512);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(conn, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(CONN_HEADER);
            for (long n = 0; n < connEvents; n++) {
                line.setLength(0);
                connLine(line, n * 10 / 6, r, seed, indicators, hitRate, byKind);
                w.append(line);
            }
            w.write(CLOSE);
        }
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(dns, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(DNS_HEADER);
            for (long n = 0; n < dnsEvents; n++) {
                line.setLength(0);
                dnsLine(line, n * 10 / 4, r, seed, indicators, hitRate, byKind);
                w.append(line);
            }
            w.write(CLOSE);
        }
        long planted = 0;
        List<Long> kinds = new ArrayList<>();
        for (long c : byKind) {
            planted += c;
            kinds.add(c);
        }
        return new Logs(
                conn.toString(),
                dns.toString(),
                connEvents,
                dnsEvents,
                planted,
                kinds,
                Files.size(conn) + Files.size(dns),
                System.nanoTime() - start);
    }

    /** A random indicator of one of {@code kinds}, among the first {@code n}. */
    private static int pick(SplittableRandom r, int n, Mix... kinds) {
        while (true) {
            int i = r.nextInt(n);
            Mix m = Mix.of(i);
            for (Mix k : kinds) {
                if (k == m) {
                    return i;
                }
            }
        }
    }

    private static void connLine(
            StringBuilder sb, long t, SplittableRandom r, long seed, int n, double hitRate, long[] byKind) {
        boolean v6 = r.nextInt(100) < 3;
        String orig = v6 ? randomV6(r) : internalV4(r);
        String resp = v6 ? randomV6(r) : publicV4(r);
        if (r.nextDouble() < hitRate) {
            int i = pick(r, n, Mix.IPV4, Mix.CIDR, Mix.IPV6);
            Mix m = Mix.of(i);
            long k = m.ordinal(i);
            if (m == Mix.IPV4) {
                resp = ipv4(indicatorV4(k));
                byKind[0]++;
            } else if (m == Mix.CIDR) {
                int prefix = PREFIXES[(int) (k % PREFIXES.length)];
                resp = ipv4(cidrBase(k) + r.nextInt(1 << (32 - prefix)));
                byKind[1]++;
            } else {
                resp = indicator(seed, i).value();
                orig = randomV6(r);
                byKind[2]++;
            }
        }
        String service = SERVICES[r.nextInt(SERVICES.length)];
        boolean udp = service.equals("dns");
        time(sb, t);
        sb.append('\t');
        uid(sb, r);
        sb.append('\t').append(orig).append('\t').append(49152 + r.nextInt(16384));
        sb.append('\t').append(resp).append('\t').append(port(service));
        sb.append('\t').append(udp ? "udp" : "tcp").append('\t').append(service);
        String state = STATES[r.nextInt(STATES.length)];
        if (state.equals("S0") || state.equals("REJ")) {
            sb.append("\t-\t-\t-");
        } else {
            sb.append('\t').append(r.nextInt(100_000)).append('.').append(100_000 + r.nextInt(900_000));
            sb.append('\t').append(r.nextInt(20_000)).append('\t').append(r.nextInt(2_000_000));
        }
        sb.append('\t').append(state).append("\tT\tF\t0\t").append(HISTORIES[r.nextInt(HISTORIES.length)]);
        int op = 1 + r.nextInt(200);
        int rp = r.nextInt(400);
        sb.append('\t').append(op).append('\t').append(op * 60 + r.nextInt(20_000));
        sb.append('\t').append(rp).append('\t').append(rp * 60 + r.nextInt(200_000));
        sb.append('\t').append(r.nextInt(50) == 0 ? "(empty)" : "-").append('\n');
    }

    private static void dnsLine(
            StringBuilder sb, long t, SplittableRandom r, long seed, int n, double hitRate, long[] byKind) {
        String query = goodDomain(r);
        int answerCount = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(4);
        List<String> answers = new ArrayList<>(answerCount + 1);
        if (answerCount > 0 && r.nextInt(3) == 0) {
            answers.add("edge-" + r.nextInt(1000) + "." + WORDS[r.nextInt(WORDS.length)] + "cdn.net");
        }
        for (int a = 0; a < answerCount; a++) {
            answers.add(publicV4(r));
        }
        if (r.nextDouble() < hitRate) {
            if (r.nextInt(5) < 3 || answerCount == 0) {
                IocEntry e = indicator(seed, pick(r, n, Mix.DOMAIN));
                query = r.nextBoolean() ? e.value() : "www." + e.value();
                byKind[3]++;
            } else {
                int i = pick(r, n, Mix.IPV4);
                answers.set(answers.size() - 1, ipv4(indicatorV4(Mix.IPV4.ordinal(i))));
                byKind[4]++;
            }
        }
        time(sb, t);
        sb.append('\t');
        uid(sb, r);
        sb.append('\t').append(internalV4(r)).append('\t').append(1024 + r.nextInt(64_000));
        sb.append("\t10.0.0.53\t53\tudp\t").append(r.nextInt(65_536));
        sb.append("\t0.0").append(10_000 + r.nextInt(90_000));
        boolean aaaa = r.nextInt(4) == 0;
        sb.append('\t').append(query).append("\t1\tC_INTERNET\t").append(aaaa ? "28\tAAAA" : "1\tA");
        sb.append(answers.isEmpty() ? "\t3\tNXDOMAIN" : "\t0\tNOERROR");
        sb.append("\tF\tF\tT\tT\t0\t");
        if (answers.isEmpty()) {
            sb.append("-\t-");
        } else {
            sb.append(String.join(",", answers)).append('\t');
            for (int a = 0; a < answers.size(); a++) {
                sb.append(a == 0 ? "" : ",").append(60 + r.nextInt(3600)).append(".000000");
            }
        }
        sb.append("\tF\n");
    }

    private static int port(String service) {
        return switch (service) {
            case "ssl" -> 443;
            case "http" -> 80;
            case "dns" -> 53;
            case "ssh" -> 22;
            case "smtp" -> 25;
            default -> 1024 + (service.hashCode() & 0x7fff);
        };
    }

    private static void time(StringBuilder sb, long t) {
        long micros = t * 1_237 % 1_000_000;
        sb.append(BASE_SECONDS + t / 25).append('.');
        String m = Long.toString(1_000_000 + micros);
        sb.append(m, 1, m.length());
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static void uid(StringBuilder sb, SplittableRandom r) {
        sb.append('C');
        for (int i = 0; i < 17; i++) {
            sb.append(BASE62.charAt(r.nextInt(62)));
        }
    }

    private static String internalV4(SplittableRandom r) {
        return r.nextInt(4) == 0
                ? "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254))
                : "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /** Public servers: 128.0.0.0 to 223.255.255.255, far from the indicator ranges (11/8 up, 32/8 up). */
    private static String publicV4(SplittableRandom r) {
        return (128 + r.nextInt(96)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private static String randomV6(SplittableRandom r) {
        return "fd00:" + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000)) + "::"
                + Integer.toHexString(1 + r.nextInt(0xfffe));
    }

    private static String goodDomain(SplittableRandom r) {
        int site = r.nextInt(5000);
        String base = WORDS[site % WORDS.length] + site + "." + GOOD_TLDS[site % GOOD_TLDS.length];
        return switch (r.nextInt(4)) {
            case 0 -> base;
            case 1 -> "www." + base;
            case 2 -> WORDS[r.nextInt(WORDS.length)] + "." + base;
            default ->
                WORDS[r.nextInt(WORDS.length)] + r.nextInt(100) + "." + WORDS[r.nextInt(WORDS.length)] + "." + base;
        };
    }

    // ------------------------------------------------------------------------------------------------ passes

    /** The log files of {@code dir} in name order ({@code conn.log}, {@code dns.log}). */
    private static List<Path> logFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
    }

    /**
     * Parse only: every line of the TSV files (a file or the files of a directory) decoded as UTF-8, header lines
     * skipped, data lines split on tab into a {@code String[]}.
     */
    public static Pass parseOnly(Path logs) throws IOException {
        long start = System.nanoTime();
        long events = 0;
        long checksum = 0;
        List<String> fields = new ArrayList<>(32);
        for (Path f : logFiles(logs)) {
            try (BufferedReader in = new BufferedReader(
                    new java.io.InputStreamReader(DetectBench.open(f), StandardCharsets.UTF_8), 1 << 16)) {
                for (String s = in.readLine(); s != null; s = in.readLine()) {
                    if (s.isEmpty() || s.charAt(0) == '#') {
                        continue;
                    }
                    fields.clear();
                    int from = 0;
                    for (int tab = s.indexOf('\t'); tab >= 0; tab = s.indexOf('\t', from)) {
                        fields.add(s.substring(from, tab));
                        from = tab + 1;
                    }
                    fields.add(s.substring(from));
                    String[] row = fields.toArray(new String[0]);
                    events++;
                    checksum += row.length + row[row.length - 1].length();
                }
            }
        }
        return new Pass(events, System.nanoTime() - start, 0, 0, 0, 0, checksum);
    }

    /** Parse + map: {@link EventSources} reads every event of the logs. */
    public static Pass parseAndMap(Path logs, Limits limits) throws IOException {
        return DetectBench.parseAndMap(logs, limits);
    }

    /**
     * Parse + match: {@link EventSources} reads every event and a new {@link IocMatcher} checks it; {@code hits}
     * counts {@link IocHit}s, {@code evaluated} the indicators they carry.
     */
    public static Pass parseAndMatch(Path logs, Limits limits, IocIndex index) throws IOException {
        return parseAndMatch(logs, limits, index, null);
    }

    private static Pass parseAndMatch(Path logs, Limits limits, IocIndex index, @Nullable HeapProbe probe)
            throws IOException {
        long start = System.nanoTime();
        IocMatcher matcher = new IocMatcher(index);
        long events = 0;
        long hits = 0;
        long withHits = 0;
        long entries = 0;
        long checksum = 0;
        long bad;
        try (EventSource src = EventSources.open(logs, limits)) {
            for (Event e = src.next(); e != null; e = src.next()) {
                events++;
                List<IocHit> found = matcher.match(e);
                if (!found.isEmpty()) {
                    withHits++;
                    hits += found.size();
                    for (IocHit h : found) {
                        entries += 1 + h.others().size();
                        checksum += h.observed().length();
                    }
                }
                checksum += e.fields().size();
                if (probe != null) {
                    probe.at(events);
                }
            }
            bad = src.stats().badRecords();
        }
        return new Pass(events, System.nanoTime() - start, bad, hits, withHits, entries, checksum);
    }

    /** Samples heap use after a full GC when the event count reaches each quarter of the input. */
    private static final class HeapProbe {
        private final long[] marks;
        private final List<HeapPoint> points = new ArrayList<>();
        private int next;

        HeapProbe(long total) {
            marks = new long[] {Math.max(1, total / 4), Math.max(1, total / 2), Math.max(1, total * 3 / 4), total};
        }

        void at(long events) {
            while (next < marks.length && events == marks[next]) {
                points.add(new HeapPoint((next + 1) * 25, events, DetectBench.usedAfterGc()));
                next++;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ result

    /**
     * Index build figures.
     *
     * @param indicators indicators generated
     * @param indexed entries in the index
     * @param rejected entries the index rejected (values that do not normalise; 0 expected)
     * @param generateMillis time to generate the indicator list
     * @param coldBuildMillis the first {@link IocIndex#build} in the JVM
     * @param warmBuildMillis a second build of the same list (the one kept)
     * @param heapBaseBytes heap after GC before generating the list
     * @param heapWithListBytes heap after GC holding the list
     * @param heapWithListAndIndexBytes heap after GC holding list and index
     * @param heapWithIndexBytes heap after GC holding the index only (the list dropped)
     * @param indexBytes {@code heapWithIndexBytes - heapBaseBytes}: the index including its entries
     * @param listBytes {@code heapWithListBytes - heapBaseBytes}: the entries alone in a list
     */
    public record IndexBuild(
            int indicators,
            int indexed,
            int rejected,
            double generateMillis,
            double coldBuildMillis,
            double warmBuildMillis,
            long heapBaseBytes,
            long heapWithListBytes,
            long heapWithListAndIndexBytes,
            long heapWithIndexBytes,
            long indexBytes,
            long listBytes) {}

    /**
     * The whole measurement.
     *
     * @param logs the logs read
     * @param seed random seed
     * @param hitRate share of events carrying a planted observable
     * @param build index build time and heap
     * @param events events read by parse + match
     * @param parsedLines data lines parse only read (equal to {@code events} when no record is bad)
     * @param badRecords records the event reader rejected
     * @param passes measured passes of each kind
     * @param parseOnly plain TSV line splitting
     * @param parseAndMap Harrier's event reader
     * @param parseAndMatch the reader plus the IOC matcher
     * @param matchVsParseMedian median parse + match / median parse only
     * @param matchVsParseBest best parse + match / best parse only
     * @param matchVsMapMedian median parse + match / median parse + map
     * @param target {@link #TARGET}
     * @param targetMet whether {@code matchVsParseMedian >= target}
     * @param hits IOC hits in one pass
     * @param eventsWithHits events with at least one hit
     * @param planted planted observables (must equal {@code hits})
     * @param heapBeforeBytes heap after GC before the sampled pass (index built)
     * @param heap heap after GC at 25, 50, 75, 100 % of the input during the sampled parse + match pass
     * @param maxHeapBytes the JVM's maximum heap
     * @param gcCount collections during the measured passes
     * @param gcMillis time in collections during the measured passes
     * @param jvm Java version and VM
     * @param processors available processors
     * @param loadAverageStart system load average (1 minute) at the start, -1 when unknown
     * @param loadAverageEnd system load average (1 minute) at the end
     */
    public record Result(
            Logs logs,
            long seed,
            double hitRate,
            IndexBuild build,
            long events,
            long parsedLines,
            long badRecords,
            int passes,
            Throughput parseOnly,
            Throughput parseAndMap,
            Throughput parseAndMatch,
            double matchVsParseMedian,
            double matchVsParseBest,
            double matchVsMapMedian,
            double target,
            boolean targetMet,
            long hits,
            long eventsWithHits,
            long planted,
            long heapBeforeBytes,
            List<HeapPoint> heap,
            long maxHeapBytes,
            long gcCount,
            long gcMillis,
            String jvm,
            int processors,
            double loadAverageStart,
            double loadAverageEnd) {
        public Result {
            heap = List.copyOf(heap);
        }

        /** The result as a plain-text report. */
        public String toText() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "Logs: %,d events (conn.log %,d, dns.log %,d; %s); %,d malformed; seed %d%n",
                    events,
                    logs.connEvents(),
                    logs.dnsEvents(),
                    DetectBench.mib(logs.bytes()),
                    badRecords,
                    seed));
            sb.append(String.format(
                    Locale.ROOT,
                    "Indicators: %,d generated, %,d indexed, %,d rejected%n",
                    build.indicators(),
                    build.indexed(),
                    build.rejected()));
            sb.append(String.format(
                    Locale.ROOT,
                    "Index build: %,.0f ms cold, %,.0f ms warm (list generated in %,.0f ms)%n",
                    build.coldBuildMillis(),
                    build.warmBuildMillis(),
                    build.generateMillis()));
            sb.append(String.format(
                    Locale.ROOT,
                    "Index heap (after GC): %s for the index with its entries (%,.0f bytes per indicator); the"
                            + " entry list alone %s; base %s, with list %s, list + index %s, index only %s%n",
                    DetectBench.mib(build.indexBytes()),
                    build.indicators() == 0 ? 0.0 : (double) build.indexBytes() / build.indicators(),
                    DetectBench.mib(build.listBytes()),
                    DetectBench.mib(build.heapBaseBytes()),
                    DetectBench.mib(build.heapWithListBytes()),
                    DetectBench.mib(build.heapWithListAndIndexBytes()),
                    DetectBench.mib(build.heapWithIndexBytes())));
            sb.append(String.format(Locale.ROOT, "Passes: 1 warm-up + %d measured of each, interleaved%n%n", passes));
            DetectBench.appendTable(sb, 36, List.of(parseOnly, parseAndMap, parseAndMatch));
            sb.append(String.format(
                    Locale.ROOT,
                    "%nparse + match / parse only: %.1f %% (median), %.1f %% (best); target >= %.0f %%: %s%n",
                    100 * matchVsParseMedian,
                    100 * matchVsParseBest,
                    100 * target,
                    targetMet ? "MET" : "NOT MET"));
            sb.append(String.format(
                    Locale.ROOT, "parse + match / parse + map: %.1f %% (median)%n", 100 * matchVsMapMedian));
            sb.append(String.format(
                    Locale.ROOT,
                    "Hits: %,d on %,d events (%.2f %% of events); planted %,d (IPv4 %,d, in network %,d, IPv6 %,d,"
                            + " DNS query %,d, DNS answer %,d): %s%n",
                    hits,
                    eventsWithHits,
                    events == 0 ? 0 : 100.0 * eventsWithHits / events,
                    planted,
                    logs.plantedByKind().get(0),
                    logs.plantedByKind().get(1),
                    logs.plantedByKind().get(2),
                    logs.plantedByKind().get(3),
                    logs.plantedByKind().get(4),
                    hits == planted ? "equal" : "DIFFERENT"));
            StringBuilder hp = new StringBuilder();
            for (HeapPoint p : heap) {
                hp.append(String.format(Locale.ROOT, ", %d %%: %s", p.percent(), DetectBench.mib(p.usedBytes())));
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "Heap after GC during parse + match (max %s): before %s%s%n",
                    DetectBench.mib(maxHeapBytes),
                    DetectBench.mib(heapBeforeBytes),
                    hp));
            DetectBench.appendMachine(sb, gcCount, gcMillis, jvm, processors, loadAverageStart, loadAverageEnd);
            return sb.toString();
        }

        /** The result as a pretty-printed JSON document. */
        public String toJson() {
            return DetectBench.toJson(this);
        }
    }

    /**
     * Generates {@code indicators} indicators and logs of {@code events} events into {@code dir}, builds the
     * index and measures (see the class description).
     *
     * @param passes measured passes of each kind, at least 1
     * @param progress receives a line before and after each step
     */
    public static Result run(
            Path dir,
            int indicators,
            long events,
            double hitRate,
            long seed,
            int passes,
            Limits limits,
            Consumer<String> progress)
            throws IOException {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1: " + passes);
        }
        checkIndicators(indicators);
        double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        progress.accept(String.format(Locale.ROOT, "writing %,d events to %s", events, dir));
        Logs logs = writeLogs(dir, seed, indicators, events, hitRate);
        progress.accept(String.format(
                Locale.ROOT,
                "  %s, %,d planted hits, %.1f s",
                String.format(Locale.ROOT, "%,.1f MiB", logs.bytes() / (1024.0 * 1024.0)),
                logs.planted(),
                logs.nanos() / 1e9));

        Built built = buildIndex(seed, indicators, progress);
        IocIndex index = built.index();
        long heapIndex = DetectBench.usedAfterGc();
        IndexBuild build = built.build(heapIndex);
        progress.accept(
                String.format(Locale.ROOT, "  index heap after GC: %,.1f MiB", build.indexBytes() / (1024.0 * 1024.0)));

        Path in = dir;
        progress.accept("warm-up: parse only");
        Pass a0 = parseOnly(in);
        progress.accept(String.format(Locale.ROOT, "  %,.0f events/s", a0.eventsPerSecond()));
        progress.accept("warm-up: parse + map");
        Pass b0 = parseAndMap(in, limits);
        progress.accept(String.format(Locale.ROOT, "  %,.0f events/s", b0.eventsPerSecond()));
        long heapBefore = DetectBench.usedAfterGc();
        HeapProbe probe = new HeapProbe(b0.events());
        progress.accept("warm-up: parse + match (heap sampled after GC at 25/50/75/100 %)");
        Pass c0 = parseAndMatch(in, limits, index, probe);
        progress.accept(String.format(Locale.ROOT, "  %,.0f events/s (GC pauses included)", c0.eventsPerSecond()));

        List<Pass> as = new ArrayList<>();
        List<Pass> bs = new ArrayList<>();
        List<Pass> cs = new ArrayList<>();
        long gc0 = DetectBench.gcCount();
        long gcMs0 = DetectBench.gcMillis();
        for (int k = 1; k <= passes; k++) {
            progress.accept("pass " + k + "/" + passes + ": parse only");
            as.add(parseOnly(in));
            progress.accept(String.format(
                    Locale.ROOT, "  %,.0f events/s", DetectBench.last(as).eventsPerSecond()));
            progress.accept("pass " + k + "/" + passes + ": parse + map");
            bs.add(parseAndMap(in, limits));
            progress.accept(String.format(
                    Locale.ROOT, "  %,.0f events/s", DetectBench.last(bs).eventsPerSecond()));
            progress.accept("pass " + k + "/" + passes + ": parse + match");
            cs.add(parseAndMatch(in, limits, index));
            progress.accept(String.format(
                    Locale.ROOT, "  %,.0f events/s", DetectBench.last(cs).eventsPerSecond()));
        }
        long gcCount = DetectBench.gcCount() - gc0;
        long gcMillis = DetectBench.gcMillis() - gcMs0;
        Pass c = DetectBench.agreeing(cs);
        Throughput a = Throughput.of("parse only (TSV split -> String[])", as);
        Throughput b = Throughput.of("parse + map (EventSources)", bs);
        Throughput d = Throughput.of("parse + match (IocMatcher)", cs);
        double ratioMedian = DetectBench.ratio(d.medianEventsPerSecond(), a.medianEventsPerSecond());
        return new Result(
                logs,
                seed,
                hitRate,
                build,
                c.events(),
                DetectBench.last(as).events(),
                c.badRecords(),
                passes,
                a,
                b,
                d,
                ratioMedian,
                DetectBench.ratio(d.bestEventsPerSecond(), a.bestEventsPerSecond()),
                DetectBench.ratio(d.medianEventsPerSecond(), b.medianEventsPerSecond()),
                TARGET,
                ratioMedian >= TARGET,
                c.hits(),
                c.eventsWithHits(),
                logs.planted(),
                heapBefore,
                probe.points,
                Runtime.getRuntime().maxMemory(),
                gcCount,
                gcMillis,
                System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.version", "?"),
                Runtime.getRuntime().availableProcessors(),
                loadStart,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** An index and what its build measured, before the heap with the index alone is known. */
    private record Built(
            IocIndex index,
            int indicators,
            int rejected,
            double generateMillis,
            double coldMillis,
            double warmMillis,
            long heapBase,
            long heapList,
            long heapBoth) {
        IndexBuild build(long heapIndex) {
            return new IndexBuild(
                    indicators,
                    index.size(),
                    rejected,
                    generateMillis,
                    coldMillis,
                    warmMillis,
                    heapBase,
                    heapList,
                    heapBoth,
                    heapIndex,
                    heapIndex - heapBase,
                    heapList - heapBase);
        }
    }

    /** Generates the list, builds a first index (dropped) and a second one (returned); the list dies on return. */
    private static Built buildIndex(long seed, int indicators, Consumer<String> progress) {
        long heapBase = DetectBench.usedAfterGc();
        progress.accept(String.format(Locale.ROOT, "generating %,d indicators", indicators));
        long t0 = System.nanoTime();
        List<IocEntry> list = indicators(seed, indicators);
        double genMs = (System.nanoTime() - t0) / 1e6;
        long heapList = DetectBench.usedAfterGc();
        progress.accept("building the index (cold)");
        double coldMs = timeBuild(list);
        progress.accept(String.format(Locale.ROOT, "  %,.0f ms", coldMs));
        progress.accept("building the index (warm)");
        List<IocEntry> rejected = new ArrayList<>();
        t0 = System.nanoTime();
        IocIndex index = IocIndex.build(list, rejected);
        double warmMs = (System.nanoTime() - t0) / 1e6;
        progress.accept(String.format(Locale.ROOT, "  %,.0f ms", warmMs));
        long heapBoth = DetectBench.usedAfterGc();
        return new Built(index, list.size(), rejected.size(), genMs, coldMs, warmMs, heapBase, heapList, heapBoth);
    }

    /** Milliseconds to build an index of {@code list}; the index is dropped. */
    private static double timeBuild(List<IocEntry> list) {
        long t0 = System.nanoTime();
        IocIndex index = IocIndex.build(list, null);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (index.size() < 0) {
            throw new AssertionError();
        }
        return ms;
    }
}
