package dev.harrier.detect.sigma;

import dev.harrier.telemetry.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Matches events against a {@link CompiledRuleSet}. Not thread-safe: keep one per thread; it reuses its buffers from
 * event to event, so matching allocates nothing unless a rule matches.
 */
public final class Detector {
    private final CompiledRuleSet set;
    private final boolean prefilter;
    private final EvalContext ctx = new EvalContext();
    private final NeedleScanner.Marks marks;
    private final int[] ruleStamp;
    private final int[] variantStamp;
    private int stamp;
    private boolean scanned;
    private boolean scannedKeywords;
    private @Nullable String lastChannel;
    private String lastChannelLower = "";
    private long evaluated;
    private String product = "";
    private long events;

    Detector(CompiledRuleSet set, boolean prefilter) {
        this.set = set;
        this.prefilter = prefilter;
        this.marks = NeedleScanner.Marks.withStates(Math.max(1, set.needleIds), set.scannerStates);
        this.ruleStamp = new int[set.rules().size()];
        this.variantStamp = new int[set.variantCount()];
    }

    /** The rules that match {@code event}, each once, in no particular order; empty when none. */
    public List<RuleMatch> detect(Event event) {
        events++;
        ctx.reset(event);
        scanned = false;
        scannedKeywords = false;
        if (++stamp == 0) {
            java.util.Arrays.fill(ruleStamp, 0);
            java.util.Arrays.fill(variantStamp, 0);
            stamp = 1;
        }
        product = event.product();
        long eid = event.eventId();
        List<RuleMatch> out = null;
        String channel = event.channel();
        if (channel != null) {
            if (!channel.equals(lastChannel)) {
                lastChannel = channel;
                lastChannelLower = channel.toLowerCase(Locale.ROOT);
            }
            CompiledRuleSet.ChannelIndex ci = set.byChannel.get(lastChannelLower);
            if (ci != null) {
                out = visit(ci, eid, out);
            }
        }
        out = visit(set.anyChannel, eid, out);
        return out == null ? List.of() : out;
    }

    /** Events seen. */
    public long events() {
        return events;
    }

    /** Rule conditions evaluated (after the prefilter), for measuring the prefilter. */
    public long evaluated() {
        return evaluated;
    }

    private @Nullable List<RuleMatch> visit(CompiledRuleSet.ChannelIndex ci, long eid, @Nullable List<RuleMatch> out) {
        if (eid >= 0) {
            CompiledRuleSet.Bucket byId = ci.byEventId.get(eid);
            if (byId != null) {
                out = run(byId, out);
            }
        }
        return run(ci.anyEventId, out);
    }

    /**
     * Evaluates a bucket's rules: all of them without the prefilter; otherwise the ones without needles and those
     * posted under a needle the event contains.
     */
    private @Nullable List<RuleMatch> run(CompiledRuleSet.Bucket b, @Nullable List<RuleMatch> out) {
        if (!prefilter) {
            for (Variant v : b.all) {
                out = eval(v, out);
            }
            return out;
        }
        Variant[][] postings = b.postings;
        if (postings == null && b.always.length == 0) {
            return out;
        }
        // scan first: string tests of the rules without needles also skip the values whose needles are absent
        scan(b.keywordNeedles);
        for (Variant v : b.always) {
            out = eval(v, out);
        }
        if (postings == null) {
            return out;
        }
        int n = marks.count();
        for (int i = 0; i < n; i++) {
            Variant[] posted = postings[marks.get(i)];
            if (posted != null) {
                for (Variant v : posted) {
                    out = eval(v, out);
                }
            }
        }
        return out;
    }

    private @Nullable List<RuleMatch> eval(Variant v, @Nullable List<RuleMatch> out) {
        if (variantStamp[v.index()] == stamp) {
            return out;
        }
        variantStamp[v.index()] = stamp;
        if (v.product() != null && !v.product().equals(product)) {
            return out;
        }
        int ri = v.rule().index();
        if (ruleStamp[ri] == stamp) {
            return out;
        }
        evaluated++;
        if (v.node().eval(ctx)) {
            ruleStamp[ri] = stamp;
            Map<String, String> fields = new LinkedHashMap<>();
            v.node().collect(ctx, fields);
            if (out == null) {
                out = new ArrayList<>(2);
            }
            out.add(new RuleMatch(v.rule(), ctx.event(), fields));
        }
        return out;
    }

    /**
     * Marks the needles present in the event's values, once per event: each field's value is scanned for the needles
     * of that field; every value for the keyword needles too when {@code keywords} (once per event as well).
     */
    private void scan(boolean keywords) {
        Map<String, @Nullable Object> fields = ctx.event().fields();
        if (!scanned) {
            scanned = true;
            marks.clear();
            Map<String, NeedleScanner> scanners = set.fieldScanners;
            for (Map.Entry<String, @Nullable Object> e : fields.entrySet()) {
                NeedleScanner sc = scanners.get(e.getKey());
                if (sc != null) {
                    scanValue(sc, e.getValue());
                }
            }
            ctx.scanned(marks, set.scannable);
        }
        NeedleScanner kw = set.keywordScanner;
        if (keywords && !scannedKeywords && kw != null) {
            scannedKeywords = true;
            for (Object v : fields.values()) {
                scanValue(kw, v);
            }
        }
    }

    private void scanValue(NeedleScanner sc, @Nullable Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof String s) {
            sc.scan(s, marks);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof List) && !(o instanceof Map)) {
                    scanValue(sc, o);
                }
            }
        } else if (!(v instanceof Map)) {
            sc.scan(EvalContext.text(v), marks);
        }
    }
}
