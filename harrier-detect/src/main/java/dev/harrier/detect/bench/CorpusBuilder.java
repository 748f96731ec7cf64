package dev.harrier.detect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a large NDJSON corpus of Windows events, one compact evtx_dump-style object
 * ({@code {"Event":{"System":{...},"EventData":{...}}}}) per line, from a small set of seed events, typically the
 * SigmaHQ regression events ({@code sigma/regression_data/**}{@code /*.json}, which are evtx_dump output: pretty-printed
 * objects concatenated).
 *
 * <p>Every copy is varied, deterministically for a given random seed:
 *
 * <ul>
 *   <li>always: {@code Computer} (from a pool of 2,000 hosts), {@code EventRecordID} (the copy's number),
 *       {@code SystemTime} (monotonically increasing, 1 µs to 20 ms apart; Sysmon's {@code UtcTime} follows it),
 *       process and thread ids, GUIDs of {@code *Guid} fields, and user names (built-in accounts such as
 *       {@code NT AUTHORITY\SYSTEM} and machine accounts are kept);
 *   <li>for all but {@link #DEFAULT_UNCHANGED_FRACTION a small fraction} of copies, the strings of the
 *       {@code EventData}/{@code UserData} fields are perturbed: file names are replaced by third-party application
 *       names (consistently within a copy, the parent process's names apart from the child's), directory names of
 *       the common Windows layout ({@code Windows\System32}, {@code Program Files}, {@code Users\Public}, registry
 *       hives, ...) stay while other directory names are shuffled or numbered (a quarter of the copies get an extra
 *       vendor directory), other words get their letters shuffled (some also a number appended), and hashes get new
 *       hex digits. Extensions, lengths and the character mix stay close to the original, so scanning costs stay
 *       realistic, while most copies no longer match the rule they were written for; the unchanged fraction, and
 *       the perturbed copies that still match generic rules (an executable writing an executable, a dump file
 *       created), keep a realistic share of hits.
 * </ul>
 *
 * <p>Seeds are kept in memory (a few hundred small trees); the output is streamed, so memory does not grow with the
 * number of events written. Immutable and thread-safe; each {@link #write} starts from the same random seed.
 */
public final class CorpusBuilder {
    /** The default corpus size. */
    public static final long DEFAULT_EVENTS = 1_000_000L;

    /** The default random seed. */
    public static final long DEFAULT_SEED = 20_251_123L;

    /** The default share of copies whose event data strings are left as the seed has them. */
    public static final double DEFAULT_UNCHANGED_FRACTION = 0.02;

    private static final int HOSTS = 2_000;
    private static final int USERS = 5_000;
    private static final String[] HOST_PREFIXES = {"WKS", "LAP", "SRV", "DC", "VDI"};
    /** Replacement file names: third-party applications, none of them a Windows binary or a known tool. */
    private static final String[] APP_NAMES = {
        "msedge",
        "chrome",
        "firefox",
        "teams",
        "onedrive",
        "slack",
        "zoom",
        "acrord32",
        "vmtoolsd",
        "splunkd",
        "winlogbeat",
        "nessusd",
        "qualysagent",
        "backupsvc",
        "printhelper",
        "licensemgr",
        "telemetryagent",
        "syncclient",
        "docviewer",
        "launcher",
        "updater",
        "indexer",
        "scanner",
        "reporter",
        "collector"
    };

    private static final String[] VENDORS = {
        "Contoso", "Fabrikam", "Northwind", "Litware", "Adatum", "Tailspin", "Wingtip", "Proseware", "Woodgrove"
    };
    /** Directory names kept as they are: the common Windows layout that rules and filters refer to. */
    private static final Set<String> COMMON_DIRS = Set.of(
            "",
            "c:",
            "d:",
            "windows",
            "system32",
            "syswow64",
            "sysnative",
            "winsxs",
            "drivers",
            "tasks",
            "program",
            "files",
            "files (x86)",
            "program files",
            "program files (x86)",
            "programdata",
            "users",
            "public",
            "appdata",
            "local",
            "roaming",
            "locallow",
            "temp",
            "tmp",
            "microsoft",
            "windowspowershell",
            "v1.0",
            "desktop",
            "downloads",
            "documents",
            "%systemroot%",
            "%windir%",
            "%temp%",
            "%appdata%",
            "%programdata%",
            "hklm",
            "hkcu",
            "hku",
            "software",
            "system",
            "currentcontrolset",
            "services",
            "currentversion",
            "run",
            "policies",
            "classes",
            "registry",
            "machine",
            "user",
            "??");

    /** Fields whose values are enumerations, times, hashes or ids: never perturbed. */
    private static final Set<String> KEEP = Set.of(
            "RuleName",
            "UtcTime",
            "CreationUtcTime",
            "PreviousCreationUtcTime",
            "Hashes",
            "Hash",
            "IntegrityLevel",
            "LogonId",
            "SubjectLogonId",
            "TargetLogonId",
            "EventType",
            "Signed",
            "SignatureStatus",
            "Protocol",
            "Initiated",
            "LogonType",
            "GrantedAccess",
            "State",
            "TerminalSessionId",
            "SubjectUserSid",
            "TargetUserSid",
            "SourceIsIpv6",
            "DestinationIsIpv6",
            "ConfigurationFileHash");

    private static final Set<String> USER_FIELDS = Set.of(
            "User",
            "ParentUser",
            "SourceUser",
            "TargetUser",
            "SubjectUserName",
            "TargetUserName",
            "UserName",
            "AccountName",
            "Detection User",
            "Remediation User");

    private static final Pattern GUID =
            Pattern.compile("\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}}?");
    /** A value that is one path (may contain spaces): drive, UNC, environment variable or registry hive first. */
    private static final Pattern WHOLE_PATH = Pattern.compile(
            "(?i)([a-z]:\\\\|\\\\\\\\|%[a-z_]+%\\\\|\\\\\\?\\?\\\\|hk(lm|cu|u|cr)\\\\|\\\\registry\\\\)[^\"]*");

    private static final DateTimeFormatter SYSTEM_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2025-11-01T00:00:00Z");

    private final List<ObjectNode> seeds;
    private final long randomSeed;
    private final double unchangedFraction;

    /**
     * A builder over the given seed events.
     *
     * @param seeds evtx_dump-style objects with an {@code Event.System} object; copied, not modified
     * @param randomSeed seeds the variation: the same seed and seeds give the same corpus
     * @param unchangedFraction share of copies whose event data strings are not perturbed, 0 to 1
     */
    public CorpusBuilder(List<ObjectNode> seeds, long randomSeed, double unchangedFraction) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed events");
        }
        if (!(unchangedFraction >= 0 && unchangedFraction <= 1)) {
            throw new IllegalArgumentException("unchangedFraction must be within 0..1: " + unchangedFraction);
        }
        List<ObjectNode> copy = new ArrayList<>(seeds.size());
        for (ObjectNode s : seeds) {
            if (!s.path("Event").path("System").isObject()) {
                throw new IllegalArgumentException("not an evtx_dump event (no Event.System object): " + s);
            }
            copy.add(s.deepCopy());
        }
        this.seeds = List.copyOf(copy);
        this.randomSeed = randomSeed;
        this.unchangedFraction = unchangedFraction;
    }

    /** A builder over the events of every {@code *.json} file under {@code regressionData}, default seed and fraction. */
    public static CorpusBuilder fromRegressionData(Path regressionData) throws IOException {
        return new CorpusBuilder(readEvents(regressionData), DEFAULT_SEED, DEFAULT_UNCHANGED_FRACTION);
    }

    /** The same seed events with another random seed. */
    public CorpusBuilder withRandomSeed(long seed) {
        return new CorpusBuilder(seeds, seed, unchangedFraction);
    }

    /** The same seed events with another unchanged fraction. */
    public CorpusBuilder withUnchangedFraction(double fraction) {
        return new CorpusBuilder(seeds, randomSeed, fraction);
    }

    /** The seed events (unmodifiable list; do not modify the trees). */
    public List<ObjectNode> seeds() {
        return seeds;
    }

    /**
     * Reads the evtx_dump-style events of every {@code *.json} file under {@code dirOrFile} (sorted by path): JSON
     * objects, concatenated or one per line. Objects without an {@code Event.System} object are left out.
     *
     * @throws NoSuchFileException when {@code dirOrFile} does not exist
     */
    public static List<ObjectNode> readEvents(Path dirOrFile) throws IOException {
        if (!Files.exists(dirOrFile)) {
            throw new NoSuchFileException(
                    dirOrFile.toString(), null, "seed events not found (SigmaHQ regression_data expected)");
        }
        List<Path> files;
        if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> s = Files.walk(dirOrFile)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .endsWith(".json"))
                        .sorted()
                        .toList();
            }
        } else {
            files = List.of(dirOrFile);
        }
        ObjectReader reader = Json.mapper().readerFor(JsonNode.class);
        List<ObjectNode> out = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f);
                    MappingIterator<JsonNode> it = reader.readValues(skipBom(in))) {
                while (it.hasNextValue()) {
                    JsonNode n = it.nextValue();
                    if (n instanceof ObjectNode o
                            && o.path("Event").path("System").isObject()) {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    private static InputStream skipBom(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 3);
        byte[] b = new byte[3];
        int n = p.readNBytes(b, 0, 3);
        boolean bom = n == 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
        if (!bom && n > 0) {
            p.unread(b, 0, n);
        }
        return p;
    }

    /**
     * What {@link #write} wrote.
     *
     * @param file the corpus file
     * @param events events written (lines)
     * @param bytes size of the file (compressed when gzip)
     * @param seedEvents number of seed events the copies were made from
     * @param unchanged copies whose event data strings were not perturbed
     * @param gzip whether the file is gzip-compressed
     * @param nanos time taken
     */
    public record Summary(
            String file, long events, long bytes, int seedEvents, long unchanged, boolean gzip, long nanos) {}

    /**
     * Writes {@code events} varied copies of the seed events to {@code out} (replacing it), one JSON object per line.
     *
     * @param gzip compress the file with gzip (the event readers decompress it by its magic number)
     * @param progress receives the number of events written, now and then
     */
    public Summary write(Path out, long events, boolean gzip, LongConsumer progress) throws IOException {
        if (events < 0) {
            throw new IllegalArgumentException("events must not be negative: " + events);
        }
        long start = System.nanoTime();
        ObjectWriter writer = Json.mapper().writer();
        int maxLine = Limits.defaults().maxLineLength();
        Variation v = new Variation(new SplittableRandom(randomSeed));
        long unchanged = 0;
        try (OutputStream raw = Files.newOutputStream(out);
                OutputStream buffered =
                        new BufferedOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16)) {
            for (long i = 0; i < events; i++) {
                ObjectNode seed = seeds.get(v.rng.nextInt(seeds.size()));
                ObjectNode copy = seed.deepCopy();
                boolean keep = v.rng.nextDouble() < unchangedFraction;
                if (keep) {
                    unchanged++;
                }
                v.vary(copy, i, keep);
                byte[] line = writer.writeValueAsBytes(copy);
                if (line.length > maxLine) {
                    throw new IOException("event of " + line.length + " bytes is longer than the readers' line limit "
                            + maxLine + " (Limits.maxLineLength); seed: "
                            + seed.path("Event").path("System"));
                }
                buffered.write(line);
                buffered.write('\n');
                if ((i & 0xffff) == 0xffff) {
                    progress.accept(i + 1);
                }
            }
        }
        progress.accept(events);
        return new Summary(
                out.toString(), events, Files.size(out), seeds.size(), unchanged, gzip, System.nanoTime() - start);
    }

    /** The per-copy changes, drawing from one random sequence. */
    private static final class Variation {
        private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
        private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

        final SplittableRandom rng;
        private final String[] hosts = new String[HOSTS];
        private final String[] users = new String[USERS];
        /** Replacement file names of the current copy, by lower-case original name: renames stay consistent. */
        private final Map<String, String> names = new HashMap<>();
        /** Directory names of the current copy, by lower-case original: paths stay consistent across fields. */
        private final Map<String, String> dirs = new HashMap<>();
        /** The vendor directory added to the paths of the current copy, or null. */
        private @Nullable String vendorDir;
        /**
         * Prefix of {@link #names} keys: the parent process's fields ({@code Parent*}) get names of their own, so that
         * a seed where a process starts itself (cmd.exe from cmd.exe) does not keep doing so under a new name.
         */
        private String namespace = "";

        private long micros;

        Variation(SplittableRandom rng) {
            this.rng = rng;
            for (int i = 0; i < HOSTS; i++) {
                hosts[i] = HOST_PREFIXES[i % HOST_PREFIXES.length] + "-" + (10_000 + i) + ".corp.example";
            }
            for (int i = 0; i < USERS; i++) {
                users[i] = "user" + (100_000 + i);
            }
        }

        void vary(ObjectNode root, long index, boolean keepStrings) {
            ObjectNode event = (ObjectNode) root.get("Event");
            ObjectNode system = (ObjectNode) event.get("System");
            names.clear();
            dirs.clear();
            vendorDir = rng.nextInt(4) == 0 ? VENDORS[rng.nextInt(VENDORS.length)] + rng.nextInt(1, 100) : null;
            micros += 1 + rng.nextInt(20_000);
            Instant time = START.plusNanos(micros * 1_000L);
            system.put("Computer", hosts[rng.nextInt(HOSTS)]);
            system.put("EventRecordID", index + 1);
            JsonNode tc = system.path("TimeCreated").path("#attributes");
            if (tc instanceof ObjectNode attrs) {
                attrs.put("SystemTime", SYSTEM_TIME.format(time));
            } else {
                ObjectNode attrs = system.putObject("TimeCreated").putObject("#attributes");
                attrs.put("SystemTime", SYSTEM_TIME.format(time));
            }
            if (system.path("Execution").path("#attributes") instanceof ObjectNode ex) {
                if (ex.has("ProcessID")) {
                    ex.put("ProcessID", pid());
                }
                if (ex.has("ThreadID")) {
                    ex.put("ThreadID", pid());
                }
            }
            String user = users[rng.nextInt(USERS)];
            for (String part : new String[] {"EventData", "UserData"}) {
                if (event.get(part) instanceof ObjectNode data) {
                    fields(data, time, user, keepStrings);
                }
            }
        }

        private void fields(ObjectNode data, Instant time, String user, boolean keepStrings) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(data.properties());
            for (Map.Entry<String, JsonNode> e : entries) {
                String name = e.getKey();
                JsonNode value = e.getValue();
                if (value instanceof ObjectNode inner) {
                    if (!name.equals("#attributes")) {
                        fields(inner, time, user, keepStrings); // UserData's inner element, or {"#text": ...}
                    }
                    continue;
                }
                data.set(name, field(name, value, time, user, keepStrings)); // same node when unchanged
            }
        }

        private JsonNode field(String name, JsonNode value, Instant time, String user, boolean keepStrings) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.equals("UtcTime") && value.isTextual()) {
                return TextNode.valueOf(UTC_TIME.format(time));
            }
            if (isPidField(lower)) {
                if (value.isIntegralNumber()) {
                    return value.canConvertToInt() ? IntNode.valueOf(pid()) : LongNode.valueOf(pid());
                }
                if (value.isTextual()) {
                    String s = value.textValue();
                    if (s.startsWith("0x")) {
                        return TextNode.valueOf("0x" + Integer.toHexString(pid()));
                    }
                    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                        return TextNode.valueOf(Integer.toString(pid()));
                    }
                }
                return value;
            }
            if (!value.isTextual()) {
                return value;
            }
            String s = value.textValue();
            if (lower.contains("guid") && isGuid(s)) {
                return TextNode.valueOf(guid(s));
            }
            if (USER_FIELDS.contains(name)) {
                return TextNode.valueOf(userName(s, user));
            }
            if (keepStrings) {
                return value;
            }
            if (lower.startsWith("hash") || lower.endsWith("hash") || lower.endsWith("hashes")) {
                return TextNode.valueOf(hashes(s));
            }
            if (KEEP.contains(name) || lower.contains("time") || lower.endsWith("id")) {
                return value;
            }
            namespace = name.startsWith("Parent") ? "parent:" : "";
            String p = perturb(s);
            return p.equals(s) ? value : TextNode.valueOf(p);
        }

        private static boolean isGuid(String s) {
            int n = s.length();
            return (n == 36 || n == 38) && GUID.matcher(s).matches();
        }

        /** Hex numbers, versions, addresses: only hex digits, x and punctuation. */
        private static boolean isNumeric(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.digit(c, 16) < 0 && c != 'x' && c != 'X' && ".:,-/+ ".indexOf(c) < 0) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isFileName(String s) {
            int dot = s.lastIndexOf('.');
            if (dot <= 0 || s.length() - dot - 1 < 1 || s.length() - dot - 1 > 5) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (i < dot
                        ? (c == '\\' || c == '/' || Character.isWhitespace(c))
                        : i > dot && !Character.isLetterOrDigit(c)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isPidField(String lower) {
            return lower.endsWith("processid") || lower.endsWith("threadid");
        }

        private int pid() {
            return 4 * (1 + rng.nextInt(16_383));
        }

        private String guid(String original) {
            StringBuilder sb = new StringBuilder(original.length());
            boolean upper = !original.equals(original.toLowerCase(Locale.ROOT));
            for (int i = 0; i < original.length(); i++) {
                char c = original.charAt(i);
                sb.append(Character.digit(c, 16) >= 0 ? hex(!upper) : c);
            }
            return sb.toString();
        }

        /** {@code SHA1=ab12...,MD5=...}: every hex digit after an {@code =} (or of a bare hash) replaced. */
        private String hashes(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            boolean inValue = s.indexOf('=') < 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '=') {
                    inValue = true;
                } else if (c == ',') {
                    inValue = s.indexOf('=', i) < 0;
                } else if (inValue && Character.digit(c, 16) >= 0) {
                    c = hex(Character.isLowerCase(c));
                }
                sb.append(c);
            }
            return sb.toString();
        }

        private char hex(boolean lowerCase) {
            return (lowerCase ? HEX_LOWER : HEX_UPPER)[rng.nextInt(16)];
        }

        private static String userName(String original, String user) {
            String up = original.toUpperCase(Locale.ROOT);
            if (original.isEmpty()
                    || original.equals("-")
                    || original.endsWith("$")
                    || up.contains("AUTHORI")
                    || up.contains("AUTORI")
                    || up.contains("SYSTEM")
                    || up.contains("SERVICE")
                    || up.startsWith("S-1-")) {
                return original;
            }
            int slash = original.indexOf('\\');
            return slash >= 0 ? "CORP\\" + user : user;
        }

        /** Perturbs free text: a whole path at once, else each whitespace-separated token, separators kept. */
        String perturb(String s) {
            if (s.length() < 3 || letters(s) == 0 || isGuid(s) || isNumeric(s)) {
                return s;
            }
            if (WHOLE_PATH.matcher(s).matches() && s.indexOf(" /") < 0 && s.indexOf(" -") < 0) {
                return path(s);
            }
            StringBuilder out = new StringBuilder(s.length() + 16);
            int i = 0;
            while (i < s.length()) {
                int j = i;
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.append(s, i, j);
                int k = j;
                while (k < s.length() && !Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
                if (k > j) {
                    out.append(token(s.substring(j, k)));
                }
                i = k;
            }
            return out.toString();
        }

        private String token(String t) {
            int a = 0;
            int b = t.length();
            while (a < b && isQuote(t.charAt(a))) {
                a++;
            }
            while (b > a && isQuote(t.charAt(b - 1))) {
                b--;
            }
            String core = t.substring(a, b);
            String changed;
            if (core.indexOf('\\') >= 0 || (core.indexOf('/') > 0 && !core.startsWith("-"))) {
                changed = path(core);
            } else if (isFileName(core)) {
                changed = fileName(core);
            } else if (letters(core) >= 3 && !COMMON_DIRS.contains(core.toLowerCase(Locale.ROOT))) {
                changed = rng.nextInt(10) < 7 ? shuffle(core) : shuffle(core) + rng.nextInt(10, 10_000);
            } else {
                changed = core;
            }
            return t.substring(0, a) + changed + t.substring(b);
        }

        /**
         * A path: directory names of the common Windows layout stay, other directory names are shuffled (and now and
         * then a vendor directory is added), the file name is replaced.
         */
        private String path(String p) {
            StringBuilder out = new StringBuilder(p.length() + 16);
            int start = 0;
            String vendor = vendorDir;
            boolean vendorAdded = false;
            while (start <= p.length()) {
                int end = start;
                while (end < p.length() && p.charAt(end) != '\\' && p.charAt(end) != '/') {
                    end++;
                }
                String part = p.substring(start, end);
                boolean last = end >= p.length();
                if (last) {
                    out.append(isFileName(part) ? fileName(part) : component(part));
                    break;
                }
                out.append(component(part)).append(p.charAt(end));
                if (vendor != null
                        && !vendorAdded
                        && start > 0
                        && COMMON_DIRS.contains(part.toLowerCase(Locale.ROOT))) {
                    vendorAdded = true;
                    out.append(vendor).append(p.charAt(end));
                }
                start = end + 1;
            }
            return out.toString();
        }

        private String component(String part) {
            if (letters(part) < 3 || COMMON_DIRS.contains(part.toLowerCase(Locale.ROOT))) {
                return part;
            }
            return dirs.computeIfAbsent(
                    part.toLowerCase(Locale.ROOT),
                    k -> rng.nextBoolean() ? shuffle(part) : part + rng.nextInt(1, 1_000));
        }

        /** A replacement file name, the same for the same original within one copy; the extension is kept. */
        private String fileName(String base) {
            int dot = base.lastIndexOf('.');
            String ext = dot > 0 && base.length() - dot <= 6 ? base.substring(dot) : "";
            String stem = base.substring(0, base.length() - ext.length());
            String key = namespace + stem.toLowerCase(Locale.ROOT);
            String name = names.get(key);
            if (name == null) {
                // distinct originals get distinct names: a child must not become its own parent by chance
                do {
                    name = newName();
                } while (names.containsValue(name));
                names.put(key, name);
            }
            if (!stem.isEmpty() && Character.isUpperCase(stem.charAt(0))) {
                name = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            }
            return name + ext;
        }

        private String newName() {
            if (rng.nextInt(3) == 0) {
                return VENDORS[rng.nextInt(VENDORS.length)].toLowerCase(Locale.ROOT)
                        + APP_NAMES[rng.nextInt(APP_NAMES.length)];
            }
            String name = APP_NAMES[rng.nextInt(APP_NAMES.length)];
            return rng.nextBoolean() ? name + rng.nextInt(1, 100) : name;
        }

        /** The token with its letters permuted among the letter positions; other characters stay. */
        private String shuffle(String t) {
            char[] c = t.toCharArray();
            int[] pos = new int[c.length];
            int n = 0;
            for (int i = 0; i < c.length; i++) {
                if (Character.isLetter(c[i])) {
                    pos[n++] = i;
                }
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                char tmp = c[pos[i]];
                c[pos[i]] = c[pos[j]];
                c[pos[j]] = tmp;
            }
            return new String(c);
        }

        private static int letters(String t) {
            int n = 0;
            for (int i = 0; i < t.length(); i++) {
                if (Character.isLetter(t.charAt(i))) {
                    n++;
                }
            }
            return n;
        }

        private static boolean isQuote(char c) {
            return c == '"' || c == '\'';
        }
    }
}
