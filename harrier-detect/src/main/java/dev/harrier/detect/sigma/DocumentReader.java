package dev.harrier.detect.sigma;

import dev.harrier.core.Limits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads the YAML documents of one source into rules, correlations and filters. Not thread-safe; one per source. */
final class DocumentReader {
    private static final Pattern ATTACK_TECHNIQUE =
            Pattern.compile("attack\\.(t\\d{4})(\\.\\d{3})?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdw])");
    private static final int MAX_ALIASES = 10;

    private final Limits limits;
    private final String source;
    private final List<SigmaRule> rules = new ArrayList<>();
    private final List<SigmaCorrelation> correlations = new ArrayList<>();
    private final List<SigmaFilter> filters = new ArrayList<>();
    private final List<SigmaError> errors = new ArrayList<>();
    private int droppedErrors;
    /** Errors of the document being read; a document with any is not emitted. */
    private int docErrors;
    /** Keys of {@code action: global} documents, merged into each following document. */
    private @Nullable MappingNode global;
    /** The previous document as read (after merging), for {@code action: repeat}. */
    private @Nullable MappingNode previous;

    DocumentReader(Limits limits, String source) {
        this.limits = limits;
        this.source = source;
    }

    ParseResult read(String yaml) {
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(source)
                    .setAllowDuplicateKeys(false)
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(MAX_ALIASES)
                    .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxObjectBytes()))
                    .setSchema(new CoreSchema())
                    // one buffer for the whole input: works around a snakeyaml-engine 2.10 bug with
                    // supplementary code points (emoji) straddling the 1 KiB buffer boundary
                    .setBufferSize(Math.max(1024, yaml.length() + 1))
                    .build();
            if (yaml.length() > limits.maxObjectBytes()) {
                error(0, 0, "input is " + yaml.length() + " characters, over the limit of " + limits.maxObjectBytes());
                return result();
            }
            if (!checkDepth(settings, yaml)) {
                return result();
            }
            for (Node root : new Compose(settings).composeAllFromString(yaml)) {
                docErrors = 0;
                readDocument(root);
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            error(
                    mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0),
                    "invalid YAML: " + firstLine(e.getProblem() == null ? e.getMessage() : e.getProblem()));
        } catch (YamlEngineException e) {
            error(0, 0, "invalid YAML: " + firstLine(e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            error(0, 0, "cannot parse: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
        return result();
    }

    private ParseResult result() {
        List<SigmaError> all = new ArrayList<>(errors);
        if (droppedErrors > 0) {
            all.add(new SigmaError(source, 0, 0, droppedErrors + " more errors not reported"));
        }
        return new ParseResult(rules, correlations, filters, all);
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** Streams the events once (iteratively) to refuse nesting deeper than the limit before recursive composing. */
    private boolean checkDepth(LoadSettings settings, String yaml) {
        int depth = 0;
        try {
            for (Event e : new Parse(settings).parseString(yaml)) {
                switch (e.getEventId()) {
                    case MappingStart:
                    case SequenceStart:
                        if (++depth > limits.maxJsonDepth()) {
                            Optional<Mark> m = e.getStartMark();
                            error(
                                    m.map(x -> x.getLine() + 1).orElse(0),
                                    m.map(x -> x.getColumn() + 1).orElse(0),
                                    "YAML nested deeper than " + limits.maxJsonDepth());
                            return false;
                        }
                        break;
                    case MappingEnd:
                    case SequenceEnd:
                        depth--;
                        break;
                    default:
                        break;
                }
            }
        } catch (YamlEngineException e) {
            // reported with its position by the compose pass
            return true;
        }
        return true;
    }

    // ---------------------------------------------------------------- documents

    /**
     * Applies the Sigma 1 collection actions: {@code action: global} sets keys merged into every following document,
     * {@code action: reset} clears them, {@code action: repeat} repeats the previous document with its keys merged
     * over it. Mappings merge deeply; other values of the later document replace earlier ones.
     */
    private void readDocument(Node root) {
        if (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return; // empty document (e.g. a trailing ---)
        }
        if (!(root instanceof MappingNode doc)) {
            error(root, "a Sigma document must be a mapping");
            return;
        }
        if (!noDuplicateKeys(root)) {
            return;
        }
        NodeTuple action = keys(doc).get("action");
        MappingNode map = doc;
        if (action != null) {
            String a = scalarText(action.getValueNode());
            MappingNode rest = without(doc, "action");
            if ("global".equals(a)) {
                global = global == null ? rest : merge(global, rest);
                previous = null;
                return;
            } else if ("reset".equals(a)) {
                global = null;
                previous = null;
                return;
            } else if ("repeat".equals(a)) {
                if (previous == null) {
                    error(action.getValueNode(), "'action: repeat' without a previous document to repeat");
                    return;
                }
                map = merge(previous, rest);
            } else {
                error(action.getValueNode(), "unknown action '" + a + "' (global, reset, repeat)");
                return;
            }
        } else if (global != null) {
            map = merge(global, doc);
        }
        previous = map;
        Map<String, NodeTuple> keys = keys(map);
        if (keys.containsKey("correlation")) {
            readCorrelation(map, keys);
        } else if (keys.containsKey("filter")) {
            readFilter(map, keys);
        } else {
            readRule(map, keys);
        }
    }

    private static MappingNode without(MappingNode m, String key) {
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            if (!key.equals(scalarText(t.getKeyNode()))) {
                kept.add(t);
            }
        }
        return new MappingNode(m.getTag(), true, kept, m.getFlowStyle(), m.getStartMark(), m.getEndMark());
    }

    /** {@code over} merged onto {@code base}; positions are those of {@code over}. */
    private static MappingNode merge(MappingNode base, MappingNode over) {
        Map<String, NodeTuple> overKeys = new LinkedHashMap<>();
        for (NodeTuple t : over.getValue()) {
            overKeys.put(String.valueOf(scalarText(t.getKeyNode())), t);
        }
        List<NodeTuple> out = new ArrayList<>();
        for (NodeTuple t : base.getValue()) {
            String k = String.valueOf(scalarText(t.getKeyNode()));
            NodeTuple o = overKeys.remove(k);
            if (o == null) {
                out.add(t);
            } else if (t.getValueNode() instanceof MappingNode bm && o.getValueNode() instanceof MappingNode om) {
                out.add(new NodeTuple(o.getKeyNode(), merge(bm, om)));
            } else {
                out.add(o);
            }
        }
        out.addAll(overKeys.values());
        return new MappingNode(over.getTag(), true, out, over.getFlowStyle(), over.getStartMark(), over.getEndMark());
    }

    /** Upper-case ATT&CK technique ids from {@code attack.tNNNN[.NNN]} tags, without duplicates. */
    private static List<String> techniques(List<String> tags) {
        List<String> techniques = new ArrayList<>();
        for (String tag : tags) {
            Matcher m = ATTACK_TECHNIQUE.matcher(tag);
            if (m.matches()) {
                String t = m.group(1).toUpperCase(Locale.ROOT) + (m.group(2) == null ? "" : m.group(2));
                if (!techniques.contains(t)) {
                    techniques.add(t);
                }
            }
        }
        return techniques;
    }

    private void readRule(MappingNode map, Map<String, NodeTuple> keys) {
        String title = requiredString(map, keys, "title");
        Node ls = required(map, keys, "logsource");
        Node det = required(map, keys, "detection");
        LogSource logsource = ls == null ? null : logsource(ls);
        Detection detection = null;
        if (det != null) {
            if (det instanceof MappingNode dm) {
                detection = detection(dm, "detection", false);
            } else {
                error(det, "'detection' must be a mapping");
            }
        }
        List<String> tags = stringList(keys, "tags");
        List<String> techniques = techniques(tags);
        SigmaRule rule = new SigmaRule(
                source,
                line(map),
                optString(keys, "id"),
                optString(keys, "name"),
                title == null ? "" : title,
                optString(keys, "status"),
                optString(keys, "level"),
                optString(keys, "author"),
                optString(keys, "description"),
                optString(keys, "date"),
                optString(keys, "modified"),
                tags,
                techniques,
                stringList(keys, "references"),
                stringList(keys, "falsepositives"),
                logsource == null ? new LogSource(null, null, null, null) : logsource,
                detection == null ? new Detection(Map.of(), List.of(), List.of(), null) : detection);
        if (docErrors == 0) {
            rules.add(rule);
        }
    }

    private void readFilter(MappingNode map, Map<String, NodeTuple> keys) {
        String title = requiredString(map, keys, "title");
        Node ls = keys.containsKey("logsource") ? keys.get("logsource").getValueNode() : null;
        LogSource logsource = ls == null || isNull(ls) ? null : logsource(ls);
        Node f = keys.get("filter").getValueNode();
        List<String> ruleRefs = List.of();
        Detection detection = null;
        if (f instanceof MappingNode fm) {
            Map<String, NodeTuple> fk = keys(fm);
            if (!fk.containsKey("rules")) {
                error(fm, "missing required key 'filter.rules'");
            } else {
                ruleRefs = stringList(fk, "rules");
            }
            detection = detection(fm, "filter", true);
        } else {
            error(f, "'filter' must be a mapping");
        }
        if (docErrors == 0 && detection != null) {
            filters.add(new SigmaFilter(
                    source,
                    line(map),
                    optString(keys, "id"),
                    optString(keys, "name"),
                    title == null ? "" : title,
                    optString(keys, "description"),
                    logsource,
                    ruleRefs,
                    detection));
        }
    }

    private void readCorrelation(MappingNode map, Map<String, NodeTuple> keys) {
        String title = requiredString(map, keys, "title");
        Node c = keys.get("correlation").getValueNode();
        if (!(c instanceof MappingNode cm)) {
            error(c, "'correlation' must be a mapping");
            return;
        }
        Map<String, NodeTuple> ck = keys(cm);
        SigmaCorrelation.Type type = null;
        String typeText = requiredString(cm, ck, "type");
        if (typeText != null) {
            type = SigmaCorrelation.Type.of(typeText).orElse(null);
            if (type == null) {
                error(ck.get("type").getValueNode(), "unknown correlation type '" + typeText + "'");
            }
        }
        List<String> ruleRefs = List.of();
        if (required(cm, ck, "rules") != null) {
            ruleRefs = stringList(ck, "rules");
            if (ruleRefs.isEmpty()) {
                error(ck.get("rules").getValueNode(), "'rules' must name at least one rule");
            }
        }
        List<String> groupBy = stringList(ck, "group-by");
        Duration timespan = null;
        String spanKey = ck.containsKey("timeframe") && !ck.containsKey("timespan") ? "timeframe" : "timespan";
        String span = requiredString(cm, ck, spanKey);
        if (span != null) {
            timespan = parseTimespan(span);
            if (timespan == null) {
                error(
                        ck.get(spanKey).getValueNode(),
                        "invalid timespan '" + span + "' (expected e.g. 30s, 5m, 1h, 2d, 1w)");
            }
        }
        SigmaCorrelation.Threshold threshold = null;
        Node condNode = ck.containsKey("condition") ? ck.get("condition").getValueNode() : null;
        if (condNode != null) {
            threshold = threshold(condNode);
        } else if (type != null
                && type != SigmaCorrelation.Type.TEMPORAL
                && type != SigmaCorrelation.Type.TEMPORAL_ORDERED) {
            error(cm, "missing required key 'condition' for correlation type " + type.token());
        }
        if (type != null && threshold != null && type.needsField() && threshold.field() == null) {
            error(condNode, "correlation type " + type.token() + " needs 'field' in its condition");
        }
        if (type == SigmaCorrelation.Type.VALUE_PERCENTILE && threshold != null && threshold.percentile() == null) {
            error(condNode, "correlation type value_percentile needs 'percentile' (1 to 99) in its condition");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (ck.containsKey("aliases")) {
            Node an = ck.get("aliases").getValueNode();
            if (an instanceof MappingNode am) {
                for (NodeTuple t : am.getValue()) {
                    String alias = scalarText(t.getKeyNode());
                    if (!(t.getValueNode() instanceof MappingNode per)) {
                        error(t.getValueNode(), "alias '" + alias + "' must map rule names to fields");
                        continue;
                    }
                    Map<String, String> m = new LinkedHashMap<>();
                    for (NodeTuple pt : per.getValue()) {
                        String field = scalarText(pt.getValueNode());
                        if (field == null) {
                            error(pt.getValueNode(), "alias '" + alias + "': field name must be a string");
                        } else {
                            m.put(String.valueOf(scalarText(pt.getKeyNode())), field);
                        }
                    }
                    aliases.put(String.valueOf(alias), Map.copyOf(m));
                }
            } else if (!isNull(an)) {
                error(an, "'aliases' must be a mapping");
            }
        }
        boolean generate = bool(ck.containsKey("generate") ? ck : keys, "generate");
        if (docErrors == 0 && type != null && timespan != null) {
            correlations.add(new SigmaCorrelation(
                    source,
                    line(map),
                    optString(keys, "id"),
                    optString(keys, "name"),
                    title == null ? "" : title,
                    optString(keys, "status"),
                    optString(keys, "level"),
                    optString(keys, "description"),
                    optString(keys, "author"),
                    techniques(stringList(keys, "tags")),
                    type,
                    ruleRefs,
                    groupBy,
                    timespan,
                    threshold,
                    aliases,
                    generate));
        }
    }

    static @Nullable Duration parseTimespan(String s) {
        Matcher m = TIMESPAN.matcher(s.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                return Duration.ofDays(7 * n);
        }
    }

    private SigmaCorrelation.@Nullable Threshold threshold(Node node) {
        if (!(node instanceof MappingNode m)) {
            error(node, "correlation 'condition' must be a mapping such as {gte: 10}");
            return null;
        }
        Map<SigmaCorrelation.Op, BigDecimal> comparisons = new LinkedHashMap<>();
        String field = null;
        Integer percentile = null;
        for (NodeTuple t : m.getValue()) {
            String k = scalarText(t.getKeyNode());
            Node v = t.getValueNode();
            if ("percentile".equals(k)) {
                Value pv = value(v);
                if (pv instanceof Value.Num num
                        && num.value().stripTrailingZeros().scale() <= 0
                        && num.value().intValue() >= 1
                        && num.value().intValue() <= 99) {
                    percentile = num.value().intValue();
                } else {
                    error(v, "correlation condition 'percentile' must be an integer from 1 to 99");
                }
                continue;
            }
            if ("field".equals(k)) {
                field = scalarText(v);
                if (field == null) {
                    error(v, "correlation condition 'field' must be a string");
                }
                continue;
            }
            SigmaCorrelation.Op op = null;
            for (SigmaCorrelation.Op o : SigmaCorrelation.Op.values()) {
                if (o.name().toLowerCase(Locale.ROOT).equals(k)) {
                    op = o;
                }
            }
            if (op == null) {
                error(
                        t.getKeyNode(),
                        "unknown correlation condition operator '" + k
                                + "' (gt, gte, lt, lte, eq, neq, field, percentile)");
                continue;
            }
            Value val = value(v);
            if (val instanceof Value.Num num) {
                comparisons.put(op, num.value());
            } else {
                error(v, "correlation condition '" + k + "' needs a number");
            }
        }
        if (comparisons.isEmpty()) {
            error(m, "correlation condition has no comparison (gt, gte, lt, lte, eq, neq)");
        }
        return new SigmaCorrelation.Threshold(comparisons, field, percentile);
    }

    // ---------------------------------------------------------------- detection

    private @Nullable LogSource logsource(Node node) {
        if (!(node instanceof MappingNode m)) {
            error(node, "'logsource' must be a mapping");
            return null;
        }
        Map<String, NodeTuple> k = keys(m);
        return new LogSource(
                optString(k, "product"), optString(k, "category"), optString(k, "service"), optString(k, "definition"));
    }

    private @Nullable Detection detection(MappingNode det, String section, boolean isFilter) {
        Map<String, SearchIdentifier> searches = new LinkedHashMap<>();
        Node conditionNode = null;
        String timeframe = null;
        for (NodeTuple t : det.getValue()) {
            String name = scalarText(t.getKeyNode());
            if (name == null) {
                error(t.getKeyNode(), "search identifier names must be strings");
                continue;
            }
            if (name.equals("condition")) {
                conditionNode = t.getValueNode();
            } else if (name.equals("timeframe")) {
                timeframe = scalarText(t.getValueNode());
            } else if (isFilter && name.equals("rules")) {
                continue;
            } else {
                SearchIdentifier s = search(name, t.getKeyNode(), t.getValueNode());
                if (s != null) {
                    searches.put(name, s);
                }
            }
        }
        if (searches.isEmpty()) {
            error(det, "'" + section + "' defines no search identifier");
        }
        if (conditionNode == null) {
            error(det, "missing required key '" + section + ".condition'");
            return null;
        }
        List<ScalarNode> condNodes = new ArrayList<>();
        if (conditionNode instanceof ScalarNode s && !isNull(s)) {
            condNodes.add(s);
        } else if (conditionNode instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            for (Node n : seq.getValue()) {
                if (n instanceof ScalarNode s && !isNull(s)) {
                    condNodes.add(s);
                } else {
                    error(n, "each condition must be a string");
                }
            }
        } else {
            error(conditionNode, "'condition' must be a string or a list of strings");
        }
        List<String> ids = new ArrayList<>(searches.keySet());
        List<Condition> conditions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (ScalarNode cn : condNodes) {
            String text = cn.getValue();
            try {
                conditions.add(ConditionParser.parse(text, ids, limits.maxJsonDepth()));
                texts.add(text);
            } catch (ConditionParser.ConditionException e) {
                int line = line(cn);
                int col = column(cn);
                ScalarStyle style = cn.getScalarStyle();
                if (style == ScalarStyle.PLAIN && text.indexOf('\n') < 0) {
                    col += e.offset;
                } else if ((style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED)
                        && text.indexOf('\n') < 0) {
                    col += e.offset + 1;
                }
                error(line, col, "bad condition at column " + (e.offset + 1) + " of '" + text + "': " + e.getMessage());
            }
        }
        return new Detection(searches, conditions, texts, timeframe);
    }

    private @Nullable SearchIdentifier search(String name, Node keyNode, Node value) {
        int line = line(keyNode);
        List<Value> keywords = new ArrayList<>();
        List<List<FieldMatch>> maps = new ArrayList<>();
        if (value instanceof MappingNode m) {
            maps.add(fieldMap(m));
        } else if (value instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                error(value, "search identifier '" + name + "' is an empty list");
                return null;
            }
            boolean allMaps = seq.getValue().stream().allMatch(n -> n instanceof MappingNode);
            boolean allScalars = seq.getValue().stream().allMatch(n -> n instanceof ScalarNode);
            if (allMaps) {
                for (Node n : seq.getValue()) {
                    maps.add(fieldMap((MappingNode) n));
                }
            } else if (allScalars) {
                for (Node n : seq.getValue()) {
                    keywords.add(value(n));
                }
            } else {
                error(value, "search identifier '" + name + "' mixes keywords and field maps (or nests lists)");
                return null;
            }
        } else if (value instanceof ScalarNode s && !isNull(s)) {
            keywords.add(value(s));
        } else {
            error(
                    value,
                    "search identifier '" + name + "' must be a mapping, a list of mappings or a list of keywords");
            return null;
        }
        return new SearchIdentifier(name, line, keywords, maps);
    }

    private List<FieldMatch> fieldMap(MappingNode m) {
        List<FieldMatch> out = new ArrayList<>();
        if (m.getValue().isEmpty()) {
            error(m, "empty field map");
        }
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            String key = scalarText(k);
            if (key == null) {
                error(k, "field names must be strings");
                continue;
            }
            String[] parts = key.split("\\|", -1);
            String field = parts[0];
            List<Modifier> mods = new ArrayList<>();
            boolean ok = true;
            for (int i = 1; i < parts.length; i++) {
                Optional<Modifier> mod = Modifier.of(parts[i]);
                if (mod.isEmpty()) {
                    error(k, "unknown modifier '" + parts[i] + "' in '" + key + "'");
                    ok = false;
                } else if (mod.get().isRegexFlag() && !mods.contains(Modifier.RE)) {
                    error(k, "modifier '" + parts[i] + "' is only valid after 're' in '" + key + "'");
                    ok = false;
                } else {
                    mods.add(mod.get());
                }
            }
            List<Value> values = new ArrayList<>();
            Node v = t.getValueNode();
            if (v instanceof ScalarNode) {
                values.add(value(v));
            } else if (v instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                    if (n instanceof ScalarNode) {
                        values.add(value(n));
                    } else {
                        error(n, "values of '" + key + "' must be scalars, not " + kind(n));
                        ok = false;
                    }
                }
            } else {
                error(v, "value of '" + key + "' must be a scalar or a list of scalars, not " + kind(v));
                ok = false;
            }
            if (ok
                    && mods.contains(Modifier.EXISTS)
                    && (values.size() != 1 || !(values.get(0) instanceof Value.Bool))) {
                error(v, "'" + key + "' needs a single true or false");
                ok = false;
            }
            if (ok
                    && (mods.contains(Modifier.LT)
                            || mods.contains(Modifier.LTE)
                            || mods.contains(Modifier.GT)
                            || mods.contains(Modifier.GTE))) {
                for (Value val : values) {
                    if (!(val instanceof Value.Num)) {
                        error(v, "'" + key + "' compares numbers, not '" + val.text() + "'");
                        ok = false;
                        break;
                    }
                }
            }
            if (ok) {
                out.add(new FieldMatch(field, mods, values, line(k)));
            }
        }
        return out;
    }

    private Value value(Node n) {
        ScalarNode s = (ScalarNode) n;
        String text = s.getValue();
        if (text.length() > limits.maxStringLength()) {
            error(n, "string of " + text.length() + " characters is over the limit of " + limits.maxStringLength());
            return new Value.Str("");
        }
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return new Value.Null();
        }
        if (tag.equals(Tag.BOOL)) {
            return new Value.Bool(text.equalsIgnoreCase("true"));
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            if (text.length() > limits.maxNumberLength()) {
                error(n, "number of " + text.length() + " digits is over the limit of " + limits.maxNumberLength());
                return new Value.Str(text);
            }
            try {
                String t = text.startsWith("+") ? text.substring(1) : text;
                BigDecimal d;
                if (t.startsWith("0x")) {
                    d = new BigDecimal(new java.math.BigInteger(t.substring(2), 16));
                } else if (t.startsWith("0o")) {
                    d = new BigDecimal(new java.math.BigInteger(t.substring(2), 8));
                } else {
                    d = new BigDecimal(t);
                }
                return new Value.Num(d, text);
            } catch (NumberFormatException e) {
                return new Value.Str(text); // .inf, .nan
            }
        }
        return new Value.Str(text);
    }

    // ---------------------------------------------------------------- helpers

    /** Reports every repeated key (snakeyaml-engine only checks duplicates when constructing, not composing). */
    private boolean noDuplicateKeys(Node root) {
        boolean ok = true;
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n instanceof MappingNode m) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (NodeTuple t : m.getValue()) {
                    String k = scalarText(t.getKeyNode());
                    if (k != null && !seen.add(k)) {
                        error(t.getKeyNode(), "invalid YAML: duplicate key '" + k + "'");
                        ok = false;
                    }
                    todo.push(t.getValueNode());
                }
            } else if (n instanceof SequenceNode seq) {
                seq.getValue().forEach(todo::push);
            }
        }
        return ok;
    }

    private Map<String, NodeTuple> keys(MappingNode m) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalarText(t.getKeyNode());
            if (k != null) {
                out.put(k, t);
            }
        }
        return out;
    }

    private @Nullable Node required(MappingNode map, Map<String, NodeTuple> keys, String key) {
        NodeTuple t = keys.get(key);
        if (t == null || isNull(t.getValueNode())) {
            error(t == null ? map : t.getValueNode(), "missing required key '" + key + "'");
            return null;
        }
        return t.getValueNode();
    }

    private @Nullable String requiredString(MappingNode map, Map<String, NodeTuple> keys, String key) {
        Node n = required(map, keys, key);
        if (n == null) {
            return null;
        }
        String s = scalarText(n);
        if (s == null || s.isBlank()) {
            error(n, "'" + key + "' must be a non-empty string");
            return null;
        }
        return s;
    }

    private @Nullable String optString(Map<String, NodeTuple> keys, String key) {
        NodeTuple t = keys.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return null;
        }
        String s = scalarText(t.getValueNode());
        if (s == null) {
            error(t.getValueNode(), "'" + key + "' must be a string, not " + kind(t.getValueNode()));
        } else if (s.length() > limits.maxStringLength()) {
            error(t.getValueNode(), "'" + key + "' is over the string length limit of " + limits.maxStringLength());
            return null;
        }
        return s;
    }

    /** A string or a list of strings (a single string is a one-element list); absent or null is empty. */
    private List<String> stringList(Map<String, NodeTuple> keys, String key) {
        NodeTuple t = keys.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return List.of();
        }
        Node v = t.getValueNode();
        List<String> out = new ArrayList<>();
        if (v instanceof ScalarNode s) {
            out.add(s.getValue());
        } else if (v instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                String s = scalarText(n);
                if (s == null) {
                    error(n, "items of '" + key + "' must be strings, not " + kind(n));
                } else if (!isNull(n)) {
                    out.add(s);
                }
            }
        } else {
            error(v, "'" + key + "' must be a list of strings, not " + kind(v));
        }
        return out;
    }

    private boolean bool(Map<String, NodeTuple> keys, String key) {
        NodeTuple t = keys.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return false;
        }
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return s.getValue().equalsIgnoreCase("true");
        }
        error(v, "'" + key + "' must be true or false");
        return false;
    }

    private static @Nullable String scalarText(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        return "a scalar";
    }

    private static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static int column(Node n) {
        return n.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
    }

    private void error(Node n, String message) {
        error(line(n), column(n), message);
    }

    private void error(int line, int column, String message) {
        docErrors++;
        if (errors.size() < limits.maxErrorsReported()) {
            errors.add(new SigmaError(source, line, column, message));
        } else {
            droppedErrors++;
        }
    }
}
