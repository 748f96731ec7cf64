package dev.harrier.cli;

import dev.harrier.detect.Hit;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Prints detection hits as they arrive: a text timeline, CSV rows, or (at the end) JSON. */
final class Timeline {
    enum Mode {
        TEXT,
        CSV,
        JSON
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_VALUE = 120;

    private final PrintWriter out;
    private final Mode mode;
    private final List<Hit> hits = new ArrayList<>();
    private long count;

    Timeline(PrintWriter out, Mode mode) {
        this.out = out;
        this.mode = mode;
        if (mode == Mode.CSV) {
            out.println("time,host,level,rule,rule_id,author,techniques,source,line,fields");
        }
    }

    void add(Hit h) {
        count++;
        switch (mode) {
            case JSON -> hits.add(h);
            case CSV ->
                out.println(String.join(
                        ",",
                        csv(time(h.time())),
                        csv(h.host()),
                        csv(h.level()),
                        csv(h.title()),
                        csv(h.ruleId()),
                        csv(h.author()),
                        csv(String.join(" ", h.techniques())),
                        csv(h.source()),
                        Long.toString(h.line()),
                        csv(fields(h.fields(), Integer.MAX_VALUE))));
            default -> {
                out.printf(
                        Locale.ROOT,
                        "%-24s %-20s %-8s %s%n",
                        time(h.time()),
                        h.host() == null ? "-" : h.host(),
                        h.level() == null ? "-" : h.level(),
                        (h.kind().equals(Hit.CORRELATION) ? "[correlation] " : "") + h.title());
                out.printf(
                        Locale.ROOT,
                        "%-24s author: %s%s%n",
                        "",
                        h.author() == null ? "(none given)" : h.author(),
                        h.techniques().isEmpty() ? "" : "  ATT&CK: " + String.join(" ", h.techniques()));
                String f = fields(h.fields(), MAX_VALUE);
                if (!f.isEmpty()) {
                    out.printf(Locale.ROOT, "%-24s %s%n", "", f);
                }
            }
        }
    }

    long count() {
        return count;
    }

    /** The hits collected in JSON mode, as JSON-ready maps (times as ISO-8601 text). */
    List<Map<String, Object>> hits() {
        List<Map<String, Object>> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("kind", h.kind());
            m.put("time", h.time() == null ? null : h.time().toString());
            m.put("host", h.host());
            m.put("level", h.level());
            m.put("title", h.title());
            m.put("ruleId", h.ruleId());
            m.put("author", h.author());
            m.put("techniques", h.techniques());
            m.put("source", h.source());
            m.put("line", h.line());
            m.put("fields", h.fields());
            out.add(m);
        }
        return out;
    }

    void finish() {
        out.flush();
    }

    private static String time(@Nullable Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    private static String fields(Map<String, String> fields, int max) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            String val = v.length() > max ? v.substring(0, max) + "…" : v;
            sb.append(k).append('=').append(val.replace('\n', ' ').replace('\r', ' '));
        });
        return sb.toString();
    }

    private static String csv(@Nullable String s) {
        if (s == null) {
            return "";
        }
        // neutralise spreadsheet formulas, then quote when needed
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
