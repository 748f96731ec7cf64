package dev.harrier.detect.sigma;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One way a rule applies: the rule compiled for one {@link LogSourceMap.Scope} (its field names renamed for that
 * scope, the scope's field conditions and any filter rules folded into {@code node}), with the prefilter's keys:
 * the channels and event ids it can match and the needle ids of which one must occur in the event. {@code index} is
 * its position in the rule set (for per-event bookkeeping); {@code product} (lower case) restricts it to events of
 * that product ({@code windows}, {@code zeek}, ...), null for any.
 */
record Variant(
        int index,
        CompiledRule rule,
        Node node,
        @Nullable String product,
        Set<String> channels,
        @Nullable Set<Long> eventIds,
        int[] needleIds,
        boolean unmapped) {}
