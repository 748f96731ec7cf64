package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixTimestamps;
import dev.harrier.core.Tlp;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads plain indicator lists: one value a line, or CSV with a header (columns such as value/indicator/ioc, type,
 * comment/description, tlp, first_seen, tags) or without one. {@code #} starts a comment line, defanged values are
 * refanged, and each value's type is recognised from its shape (or taken from a type column). Every value becomes an
 * {@code indicator} with a derived id, so the same value in the same list always gives the same object; a value
 * listed twice is emitted once. A line that cannot be typed is rejected with its line number; the rest goes on.
 */
final class IocListReader implements FormatReader {
    private final LongHashSet seen = new LongHashSet();
    private final Set<Tlp> markingsEmitted = EnumSet.noneOf(Tlp.class);
    private @Nullable Header header;

    /** The role of a CSV column. */
    private enum Role {
        VALUE,
        TYPE,
        COMMENT,
        TLP,
        FIRST_SEEN,
        TAGS,
        OTHER
    }

    /** One entry: the cells that matter, by role. */
    private record Row(String value, String type, String comment, String tlp, String firstSeen, String tags) {}

    @Override
    public ReadSummary read(InputStream raw, ReadContext ctx) throws IOException, IntelSyntaxException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] bom = in.readNBytes(2);
        Charset cs = StandardCharsets.UTF_8;
        if (bom.length == 2
                && (((bom[0] & 0xff) == 0xfe && (bom[1] & 0xff) == 0xff)
                        || ((bom[0] & 0xff) == 0xff && (bom[1] & 0xff) == 0xfe))) {
            cs = StandardCharsets.UTF_16;
        }
        in.unread(bom);
        InputStreamReader reader = new InputStreamReader(
                in,
                cs.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        BoundedLineReader lines = new BoundedLineReader(reader, ctx.limits().maxLineLength());
        ctx.positionHint(() -> new long[] {lines.lineNumber() + 1, 0});
        boolean first = true;
        BoundedLineReader.Line line;
        while (true) {
            try {
                line = lines.next();
            } catch (CharacterCodingException e) {
                throw ctx.syntax(lines.lineNumber() + 1, 0, "not text: the content is not valid " + cs.name());
            }
            if (line == null) {
                break;
            }
            long n = line.number();
            if (lines.sawNul()) {
                throw ctx.syntax(n, 0, "not text: binary content (NUL bytes)");
            }
            if (line.tooLong()) {
                ctx.reject(
                        location(n),
                        n,
                        1,
                        String.format(
                                Locale.ROOT,
                                "line is longer than maxLineLength (%,d characters)",
                                ctx.limits().maxLineLength()));
                first = false;
                continue;
            }
            String text = line.text();
            if (n == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            text = text.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (first) {
                first = false;
                header = Header.parse(text);
                if (header != null) {
                    continue;
                }
            }
            Header h = header;
            Row row = h != null ? h.row(text) : plainRow(text);
            process(row, n, ctx);
        }
        return ctx.summary("");
    }

    private void process(Row row, long n, ReadContext ctx) {
        if (!ctx.admitEntry()) {
            ctx.reject(location(n), n, 1, ctx.tooManyEntries());
            return;
        }
        for (int i = 0; i < row.value().length(); i++) {
            char c = row.value().charAt(i);
            if (c < 0x20 && c != '\t') {
                ctx.reject(location(n), n, 1, "control characters in the value");
                return;
            }
        }
        String v = Refanger.refang(row.value());
        if (v.isEmpty()) {
            ctx.reject(location(n), n, 1, "no value");
            return;
        }
        Optional<IocType[]> named = row.type().isBlank() ? Optional.empty() : IocType.fromColumn(row.type());
        Optional<IocType> typed = named.isPresent() ? firstAccepting(named.get(), v) : IocType.detect(v);
        if (typed.isEmpty()) {
            String why = named.isPresent()
                    ? "'" + clip(v) + "' is not a valid " + row.type()
                    : "cannot determine the indicator type of '" + clip(v)
                            + "' (not an IP address, CIDR, domain, URL, e-mail, hash, ssdeep or file name)";
            ctx.reject(location(n), n, 1, why);
            return;
        }
        IocType type = typed.get();
        Tlp tlp = null;
        if (!row.tlp().isBlank()) {
            Optional<Tlp> t = Tlp.parse(row.tlp().replace(" ", ""));
            if (t.isEmpty()) {
                ctx.reject(location(n), n, 1, "unknown TLP marking '" + clip(row.tlp()) + "'");
                return;
            }
            tlp = t.get();
        }
        String value = type.normalize(v);
        String id = StixIds.derived("indicator", type.label() + ":" + value);
        UUID u = UUID.fromString(id.substring("indicator--".length()));
        if (!seen.add(u.getMostSignificantBits() ^ u.getLeastSignificantBits())) {
            return;
        }
        if (tlp != null && markingsEmitted.add(tlp)) {
            ctx.accept(new dev.harrier.store.IncomingObject(tlp.definition(), null, true, ctx.source()));
        }
        ObjectNode ind = DerivedObjects.sdo("indicator", id, DerivedObjects.UNKNOWN_TIME, DerivedObjects.UNKNOWN_TIME);
        ind.put("name", value);
        if (!row.comment().isBlank()) {
            ind.put("description", row.comment().strip());
        }
        ind.putArray("indicator_types").add("malicious-activity");
        ind.put("pattern", type.pattern(value));
        ind.put("pattern_type", "stix");
        ind.put("valid_from", firstSeen(row.firstSeen()).orElse(DerivedObjects.UNKNOWN_TIME));
        Set<String> labels = new LinkedHashSet<>();
        for (String tag : row.tags().split("[;|,]")) {
            if (!tag.isBlank()) {
                labels.add(tag.strip());
            }
        }
        if (!labels.isEmpty()) {
            ind.set("labels", DerivedObjects.strings(labels));
        }
        DerivedObjects.mark(ind, tlp);
        ind.put("x_harrier_ioc_type", type.label());
        ctx.accept(DerivedObjects.incoming(ind, ctx.source()));
    }

    private static Optional<IocType> firstAccepting(IocType[] candidates, String v) {
        for (IocType candidate : candidates) {
            if (candidate.accepts(v)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A line without a header: the value alone, or the value first and more cells after it. */
    private static Row plainRow(String line) {
        String text = stripInlineComment(line);
        if (IocType.detect(Refanger.refang(text)).isPresent()) {
            return new Row(text, "", "", "", "", "");
        }
        char d = CsvLine.delimiterOf(text);
        if (d != 0) {
            List<String> cells = CsvLine.split(text, d);
            String type = "";
            String tlp = "";
            List<String> comment = new ArrayList<>();
            for (String c : cells.subList(1, cells.size())) {
                if (type.isEmpty() && IocType.fromColumn(c).isPresent()) {
                    type = c;
                } else if (tlp.isEmpty() && c.toLowerCase(Locale.ROOT).startsWith("tlp")) {
                    tlp = c;
                } else if (!c.isBlank()) {
                    comment.add(c);
                }
            }
            return new Row(cells.get(0), type, String.join("; ", comment), tlp, "", "");
        }
        int space = indexOfWhitespace(text);
        if (space > 0
                && IocType.detect(Refanger.refang(text.substring(0, space))).isPresent()) {
            return new Row(text.substring(0, space), "", text.substring(space).strip(), "", "", "");
        }
        return new Row(text, "", "", "", "", "");
    }

    private static String stripInlineComment(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == '#' && Character.isWhitespace(text.charAt(i - 1))) {
                return text.substring(0, i).strip();
            }
        }
        return text;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> firstSeen(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (t.matches("\\d{9,11}")) {
                return Optional.of(StixTimestamps.format(Instant.ofEpochSecond(Long.parseLong(t))));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(
                        StixTimestamps.format(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC)));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?")) {
                String iso = t.replace(' ', 'T') + (t.length() == 16 ? ":00" : "");
                return Optional.of(StixTimestamps.format(LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .toInstant(ZoneOffset.UTC)));
            }
            return StixTimestamps.parse(t.replace(' ', 'T')).map(StixTimestamps::format);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static String location(long line) {
        return "line " + line;
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /** A CSV header: which column plays which role. */
    private static final class Header {
        private final char delimiter;
        private final Role[] roles;

        private Header(char delimiter, Role[] roles) {
            this.delimiter = delimiter;
            this.roles = roles;
        }

        /** The header this line is, or null when it is data. */
        static @Nullable Header parse(String line) {
            char d = CsvLine.delimiterOf(line);
            List<String> cells = CsvLine.split(line, d == 0 ? ',' : d);
            Role[] roles = new Role[cells.size()];
            int known = 0;
            boolean value = false;
            for (int i = 0; i < cells.size(); i++) {
                roles[i] = role(cells.get(i));
                if (roles[i] != Role.OTHER) {
                    known++;
                }
                value |= roles[i] == Role.VALUE;
                if (IocType.detect(Refanger.refang(cells.get(i))).isPresent() && roles[i] != Role.TYPE) {
                    return null;
                }
            }
            if (!value && known < 2) {
                return null;
            }
            if (!value) {
                for (int i = 0; i < roles.length; i++) {
                    if (roles[i] == Role.OTHER) {
                        roles[i] = Role.VALUE;
                        break;
                    }
                }
            }
            return new Header(d == 0 ? ',' : d, roles);
        }

        private static Role role(String cell) {
            String c = cell.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-\"']", "");
            return switch (c) {
                case "value",
                        "indicator",
                        "indicatorvalue",
                        "ioc",
                        "iocvalue",
                        "observable",
                        "observablevalue",
                        "artifact",
                        "data" -> Role.VALUE;
                case "type", "ioctype", "indicatortype", "observabletype", "kind" -> Role.TYPE;
                case "comment", "comments", "description", "desc", "note", "notes", "context" -> Role.COMMENT;
                case "tlp", "marking", "tlplevel" -> Role.TLP;
                case "firstseen", "first", "date", "validfrom", "created" -> Role.FIRST_SEEN;
                case "tags", "tag", "labels", "label" -> Role.TAGS;
                default -> Role.OTHER;
            };
        }

        Row row(String line) {
            List<String> cells = CsvLine.split(line, delimiter);
            Map<Role, String> byRole = new EnumMap<>(Role.class);
            for (int i = 0; i < roles.length && i < cells.size(); i++) {
                byRole.putIfAbsent(roles[i], cells.get(i));
            }
            return new Row(
                    byRole.getOrDefault(Role.VALUE, ""),
                    byRole.getOrDefault(Role.TYPE, ""),
                    byRole.getOrDefault(Role.COMMENT, ""),
                    byRole.getOrDefault(Role.TLP, ""),
                    byRole.getOrDefault(Role.FIRST_SEEN, ""),
                    byRole.getOrDefault(Role.TAGS, ""));
        }
    }
}
