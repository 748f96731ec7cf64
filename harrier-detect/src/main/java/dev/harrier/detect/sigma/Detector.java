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
    private @Nullable String lastChannel;
    private String lastChannelLower = "";
    private long evaluated;
    private String product = "";
    private long events;

    Detector(CompiledRuleSet set, boolean prefilter) {
        this.set = set;
        this.prefilter = prefilter;
        this.marks = NeedleScanner.Marks.withStates(Math.max(1, set.scanner.size()), set.scanner.stateCount());
        this.ruleStamp = new int[set.rules().size()];
        this.variantStamp = new int[set.variantCount()];
    }

    /** The rules that match {@code event}, each once, in no particular order; empty when none. */
    public List<RuleMatch> detect(Event event) {
        events++;
        ctx.reset(event);
        scanned = false;
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
        for (Variant v : b.always) {
            out = eval(v, out);
        }
        Variant[][] postings = b.postings;
        if (postings == null) {
            return out;
        }
        scan();
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

    /** Marks the needles present in the event's values, once per event. */
    private void scan() {
        if (!scanned) {
            scanned = true;
            marks.clear();
            for (Object v : ctx.event().fields().values()) {
                scanValue(v);
            }
        }
    }

    private void scanValue(@Nullable Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof String s) {
            set.scanner.scan(s, marks);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof List) && !(o instanceof Map)) {
                    scanValue(o);
                }
            }
        } else if (!(v instanceof Map)) {
            set.scanner.scan(EvalContext.text(v), marks);
        }
    }
}
