package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * Compares the prefiltered engine ({@link CompiledRuleSet#newDetector()}: logsource/event id index plus Aho–Corasick
 * needles) with the same compiled matchers without the needle prefilter ({@link CompiledRuleSet#newUnfilteredDetector()})
 * and with the brute-force {@link NaiveSigmaEvaluator}, on random process_creation rules rendered as YAML (so the
 * parser is exercised too) and random Sysmon 1, Security 4688 and unrelated events.
 *
 * <p>Values of rules and events are built from small token vocabularies ({@link #EVENT_WORDS}, {@link #RULE_WORDS})
 * so that rules match often. The alphabet is restricted to characters whose case folding is the same under
 * {@code toLowerCase(Locale.ROOT)} (the engine) and a {@code CASE_INSENSITIVE | UNICODE_CASE} regex (the oracle): ASCII
 * letters and digits, {@code \ - / . : _ * ?}, space, line feed (events only), the dashes {@code – — ―} and
 * {@code é É ü Ü ж Ж}. See {@link NaiveSigmaEvaluator}.
 *
 * <p>The properties run without jqwik's explicit edge cases: for these nested generators their combinations cost most
 * of the run time and are no more telling than random samples.
 */
class PrefilterPropertyTest {
    private static final SigmaParser PARSER = new SigmaParser();
    private static final SigmaCompiler COMPILER = new SigmaCompiler();

    /** String fields of process_creation rules. */
    static final List<String> FIELDS =
            List.of("Image", "CommandLine", "ParentImage", "User", "OriginalFileName", "IntegrityLevel");

    /** A numeric field. */
    static final String NUM_FIELD = "TerminalSessionId";

    /** Building blocks of event values (all dashes, both cases, literal wildcard characters). */
    static final List<String> EVENT_WORDS = List.of(
            "cmd",
            "CMD",
            "Ps",
            ".exe",
            "\\",
            " ",
            "-x",
            "/x",
            "\u2013x",
            "\u2014x",
            "\u2015x",
            " \u2013x",
            " \u2015x",
            "x",
            "C:",
            "\u00e9",
            "\u00c9",
            "\u0416",
            "\u00fc",
            "a_1",
            "*",
            "?",
            "3",
            "\n");

    /** Building blocks of rule literals (rendered with escapes where needed). */
    static final List<String> RULE_WORDS = List.of(
            "cmd", "Cmd", "ps", ".exe", ".EXE", "\\", " ", "-x", "/x", " -x", " /x", "x", "C:", "\u00e9", "\u0436",
            "\u00dc", "a_1", "*", "?", "3");

    /** Numeric field values: numbers, numeric text of several forms, and text that is no number. */
    static final List<Object> NUM_VALUES =
            List.of(0L, 1L, 3L, 4L, "3", "03", "3.0", "+3", "0x3", " 3", "3a", "-3", "1e0", "x", "0", "4");

    /** Regular expressions for {@code |re} (valid Java regex, single-quoted YAML). */
    static final List<String> REGEXES = List.of(
            "cmd",
            "CMD",
            "^C:",
            "\\.exe$",
            "[-/]x",
            "(\u00e9|\u0416)",
            "\\\\",
            "a_\\d",
            "^$",
            "x\\b",
            "Ps",
            "\\s",
            "\\*");

    static final List<String> PREFIXES = List.of("sel_", "sel", "filter_", "kw", "_x");

    // ------------------------------------------------------------------------------------------------ the model

    /** A piece of a pattern: literal text, or a wildcard {@code *} / {@code ?}. */
    record Piece(String text, boolean wildcard) {}

    /** A Sigma string pattern; {@code doubleBackslashes} writes every literal backslash as {@code \\}. */
    record Pat(List<Piece> pieces, boolean doubleBackslashes) {
        /** The Sigma text, with {@code \*}, {@code \?} and (where needed) {@code \\} escapes. */
        String sigma() {
            List<Character> chars = new ArrayList<>();
            List<Boolean> wild = new ArrayList<>();
            for (Piece p : pieces) {
                for (char c : p.text().toCharArray()) {
                    chars.add(c);
                    wild.add(p.wildcard());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < chars.size(); i++) {
                char c = chars.get(i);
                if (wild.get(i)) {
                    sb.append(c);
                } else if (c == '*' || c == '?') {
                    sb.append('\\').append(c);
                } else if (c == '\\') {
                    boolean nextSpecial = i + 1 < chars.size() && "*?\\".indexOf(chars.get(i + 1)) >= 0;
                    sb.append(doubleBackslashes || nextSpecial ? "\\\\" : "\\");
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        String yaml() {
            return quote(sigma());
        }
    }

    /** One {@code field|modifiers: values} entry; values are YAML scalars. */
    record Match(String field, List<String> modifiers, List<String> values) {
        String key() {
            StringBuilder sb = new StringBuilder(field);
            for (String m : modifiers) {
                sb.append('|').append(m);
            }
            return sb.toString();
        }

        String yamlValue() {
            return values.size() == 1 ? values.get(0) : "[" + String.join(", ", values) + "]";
        }
    }

    /** The body of a search identifier (its name is given by the rule). */
    sealed interface SearchBody {
        String yaml(String name);
    }

    record Keywords(List<String> values) implements SearchBody {
        @Override
        public String yaml(String name) {
            if (values.size() == 1) {
                return "    " + name + ": " + values.get(0) + "\n";
            }
            StringBuilder sb = new StringBuilder("    " + name + ":\n");
            for (String v : values) {
                sb.append("      - ").append(v).append('\n');
            }
            return sb.toString();
        }
    }

    record Maps(List<List<Match>> maps) implements SearchBody {
        @Override
        public String yaml(String name) {
            StringBuilder sb = new StringBuilder("    " + name + ":\n");
            if (maps.size() == 1) {
                for (Match m : maps.get(0)) {
                    sb.append("      ")
                            .append(m.key())
                            .append(": ")
                            .append(m.yamlValue())
                            .append('\n');
                }
                return sb.toString();
            }
            for (List<Match> map : maps) {
                List<String> entries = new ArrayList<>();
                for (Match m : map) {
                    entries.add(m.key() + ": " + m.yamlValue());
                }
                sb.append("      - {").append(String.join(", ", entries)).append("}\n");
            }
            return sb.toString();
        }
    }

    /** The search names of a rule and the {@code of} patterns that select at least one of them. */
    record Names(List<String> names, List<String> patterns) {
        static Names of(List<String> prefixes, int count) {
            List<String> names = new ArrayList<>();
            Set<String> patterns = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                String n = prefixes.get(i) + i;
                names.add(n);
                patterns.add(prefixes.get(i) + "*");
                if (!n.startsWith("_")) {
                    patterns.add("them");
                }
            }
            return new Names(names, List.copyOf(patterns));
        }

        String name(int k) {
            return names.get(k % names.size());
        }

        String pattern(int k) {
            return patterns.get(k % patterns.size());
        }

        /** The names {@code pattern} selects ({@code them}: all not starting with {@code _}). */
        List<String> selected(String pattern) {
            List<String> out = new ArrayList<>();
            for (String n : names) {
                boolean in = pattern.equals("them")
                        ? !n.startsWith("_")
                        : n.startsWith(pattern.substring(0, pattern.length() - 1));
                if (in) {
                    out.add(n);
                }
            }
            return out;
        }
    }

    /**
     * A condition as generated, over abstract leaves resolved against the rule's {@link Names}; evaluated by the test
     * independently of the parser's AST.
     */
    sealed interface Cond {
        int precedence();

        String body(Names n);

        boolean eval(Names n, Map<String, Boolean> searches);

        default String render(Names n, int minPrecedence) {
            boolean parens = precedence() < minPrecedence || (this instanceof Bin b && b.extraParens());
            return parens ? "(" + body(n) + ")" : body(n);
        }
    }

    /** The {@code k}-th search (modulo the number of searches). */
    record Ref(int k) implements Cond {
        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public String body(Names n) {
            return n.name(k);
        }

        @Override
        public boolean eval(Names n, Map<String, Boolean> searches) {
            return searches.get(n.name(k));
        }
    }

    /** {@code 1 of} / {@code all of} the {@code k}-th valid pattern ({@code them} or {@code prefix*}). */
    record Of(boolean all, int k) implements Cond {
        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public String body(Names n) {
            return (all ? "all" : "1") + " of " + n.pattern(k);
        }

        @Override
        public boolean eval(Names n, Map<String, Boolean> searches) {
            List<Boolean> values = new ArrayList<>();
            for (String name : n.selected(n.pattern(k))) {
                values.add(searches.get(name));
            }
            return all ? !values.contains(false) : values.contains(true);
        }
    }

    record Not(Cond operand) implements Cond {
        @Override
        public int precedence() {
            return 3;
        }

        @Override
        public String body(Names n) {
            return "not " + operand.render(n, 3);
        }

        @Override
        public boolean eval(Names n, Map<String, Boolean> searches) {
            return !operand.eval(n, searches);
        }
    }

    /** {@code and} / {@code or}, parenthesized only where precedence needs it unless {@code extraParens}. */
    record Bin(boolean and, Cond left, Cond right, boolean extraParens) implements Cond {
        @Override
        public int precedence() {
            return and ? 2 : 1;
        }

        @Override
        public String body(Names n) {
            return left.render(n, precedence()) + (and ? " and " : " or ") + right.render(n, precedence());
        }

        @Override
        public boolean eval(Names n, Map<String, Boolean> searches) {
            return and
                    ? left.eval(n, searches) && right.eval(n, searches)
                    : left.eval(n, searches) || right.eval(n, searches);
        }
    }

    /** A generated rule (its id is given when rendered: the rules of a set are numbered). */
    record GenRule(List<String> prefixes, List<SearchBody> searches, List<Cond> conditions) {
        Names names() {
            return Names.of(prefixes, searches.size());
        }

        String yaml(int index) {
            Names n = names();
            StringBuilder sb = new StringBuilder();
            sb.append("title: Generated ").append(index).append('\n');
            sb.append("id: ").append(id(index)).append('\n');
            sb.append("status: test\n");
            sb.append("logsource:\n  category: process_creation\n  product: windows\n");
            sb.append("detection:\n");
            for (int i = 0; i < searches.size(); i++) {
                sb.append(searches.get(i).yaml(n.names().get(i)));
            }
            if (conditions.size() == 1) {
                sb.append("    condition: ")
                        .append(quote(conditions.get(0).render(n, 0)))
                        .append('\n');
            } else {
                sb.append("    condition:\n");
                for (Cond c : conditions) {
                    sb.append("      - ").append(quote(c.render(n, 0))).append('\n');
                }
            }
            sb.append("level: medium\n");
            return sb.toString();
        }

        /** Whether the rule matches as the generator means it, given the truth of each search. */
        boolean eval(Map<String, Boolean> searchResults) {
            Names n = names();
            for (Cond c : conditions) {
                if (c.eval(n, searchResults)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "\n" + yaml(0);
        }
    }

    static String id(int index) {
        return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", index);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The kinds of events: which channel and event id. */
    enum Kind {
        SYSMON_1(NaiveSigmaEvaluator.SYSMON_CHANNEL, 1, false),
        SECURITY_4688(NaiveSigmaEvaluator.SECURITY_CHANNEL, 4688, true),
        SYSMON_3(NaiveSigmaEvaluator.SYSMON_CHANNEL, 3, false),
        SECURITY_4624(NaiveSigmaEvaluator.SECURITY_CHANNEL, 4624, true),
        APPLICATION_1("Application", 1, false);

        final String channel;
        final long eventId;
        final boolean securityNames;

        Kind(String channel, long eventId, boolean securityNames) {
            this.channel = channel;
            this.eventId = eventId;
            this.securityNames = securityNames;
        }
    }

    /** A field value of a generated event: absent, JSON null, or a value. */
    record FieldValue(boolean present, @Nullable Object value) {
        static final FieldValue ABSENT = new FieldValue(false, null);
        static final FieldValue NULL = new FieldValue(true, null);
    }

    /** A generated event: its kind, the values of {@link #FIELDS} and {@link #NUM_FIELD}, a stray field. */
    record GenEvent(Kind kind, boolean lowerCaseChannel, List<FieldValue> values, FieldValue stray) {
        Map<String, @Nullable Object> fields() {
            Map<String, @Nullable Object> f = new LinkedHashMap<>();
            f.put("EventID", kind.eventId);
            f.put("Channel", lowerCaseChannel ? kind.channel.toLowerCase(Locale.ROOT) : kind.channel);
            f.put("Computer", "WS1");
            List<String> names = new ArrayList<>(FIELDS);
            names.add(NUM_FIELD);
            for (int i = 0; i < names.size(); i++) {
                FieldValue v = values.get(i);
                if (!v.present()) {
                    continue;
                }
                String name = names.get(i);
                if (kind.securityNames && name.equals("Image")) {
                    name = "NewProcessName";
                } else if (kind.securityNames && name.equals("ParentImage")) {
                    name = "ParentProcessName";
                }
                f.put(name, v.value());
            }
            if (stray.present()) {
                // under Security names, a field called Image is not the process image; elsewhere an unknown field
                f.put(kind.securityNames ? "Image" : "Description", stray.value());
            }
            return f;
        }

        Event event() {
            return Events.of(fields(), Instant.parse("2026-03-02T09:41:52.930Z"), "gen.log", 1);
        }

        @Override
        public String toString() {
            return fields().toString();
        }
    }

    // ------------------------------------------------------------------------------------------------ generators

    static Arbitrary<Boolean> chance(int percent) {
        return Arbitraries.frequency(Tuple.of(100 - percent, false), Tuple.of(percent, true));
    }

    /** Patterns of 0–3 pieces: rule words (rendered with escapes), {@code *}, {@code ?}. */
    static Arbitrary<Pat> patterns() {
        Arbitrary<Piece> piece = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(RULE_WORDS).map(w -> new Piece(w, false))),
                Tuple.of(1, Arbitraries.just(new Piece("*", true))),
                Tuple.of(1, Arbitraries.just(new Piece("?", true))));
        Arbitrary<List<Piece>> pieces = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<Piece>of())),
                Tuple.of(20, piece.list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(pieces, chance(30)).as(Pat::new);
    }

    /** String match values: mostly patterns, some numbers, some nulls (replaced where null is not allowed). */
    static Arbitrary<String> stringValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, patterns().map(Pat::yaml)),
                Tuple.of(1, Arbitraries.of("3", "1")),
                Tuple.of(1, Arbitraries.just("null")));
    }

    static List<String> shuffled(List<String> list, int seed) {
        List<String> out = new ArrayList<>(list);
        java.util.Collections.shuffle(out, new Random(seed));
        return out;
    }

    /** String matching: a position modifier, cased, windash, all, neq, in any order; 1–3 values. */
    static Arbitrary<Match> stringMatches() {
        Arbitrary<String> field = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.of("EventID", NUM_FIELD)));
        Arbitrary<Optional<String>> position = Arbitraries.frequency(
                Tuple.of(3, Optional.<String>empty()),
                Tuple.of(4, Optional.of("contains")),
                Tuple.of(2, Optional.of("startswith")),
                Tuple.of(2, Optional.of("endswith")));
        Arbitrary<List<String>> mods = Combinators.combine(
                        position, chance(15), chance(25), chance(15), chance(10), Arbitraries.integers())
                .as((pos, cased, windash, all, neq, seed) -> {
                    List<String> m = new ArrayList<>();
                    pos.ifPresent(m::add);
                    if (cased) {
                        m.add("cased");
                    }
                    if (windash) {
                        m.add("windash");
                    }
                    if (all) {
                        m.add("all");
                    }
                    if (neq) {
                        m.add("neq");
                    }
                    return shuffled(m, seed);
                });
        Arbitrary<List<String>> eventIds = Arbitraries.of("1", "4688", "3", "'1'", "'4688'", "'46*'", "'*8'")
                .list()
                .ofMinSize(1)
                .ofMaxSize(2);
        Arbitrary<List<String>> values = stringValues().list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(field, mods, values, eventIds).as((f, m, v, ids) -> {
            if (f.equals("EventID")) {
                return new Match(f, m, ids);
            }
            boolean nullAllowed = m.isEmpty() || m.equals(List.of("all")) || m.equals(List.of("neq"));
            return new Match(
                    f,
                    m,
                    nullAllowed
                            ? v
                            : v.stream().map(x -> x.equals("null") ? "''" : x).toList());
        });
    }

    static Arbitrary<Match> regexMatches() {
        return Combinators.combine(
                        Arbitraries.of(FIELDS),
                        chance(40),
                        chance(20),
                        Arbitraries.of(REGEXES)
                                .map(PrefilterPropertyTest::quote)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(2))
                .as((f, i, all, v) -> {
                    List<String> m = new ArrayList<>(List.of("re"));
                    if (i) {
                        m.add("i");
                    }
                    if (all) {
                        m.add("all");
                    }
                    return new Match(f, m, v);
                });
    }

    static Arbitrary<Match> existsMatches() {
        Arbitrary<String> field =
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.just(NUM_FIELD)));
        return Combinators.combine(field, Arbitraries.of("true", "false"))
                .as((f, b) -> new Match(f, List.of("exists"), List.of(b)));
    }

    static Arbitrary<Match> numberMatches() {
        Arbitrary<List<String>> mods = Arbitraries.of(List.of(), List.of(), List.of("neq"), List.of("all"));
        Arbitrary<Match> session = Combinators.combine(
                        mods,
                        Arbitraries.of("0", "1", "3", "4", "null")
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(2))
                .as((m, v) -> new Match(NUM_FIELD, m, v));
        Arbitrary<Match> eventId = Combinators.combine(
                        mods,
                        Arbitraries.of("1", "3", "4688").list().ofMinSize(1).ofMaxSize(2))
                .as((m, v) -> new Match("EventID", m, v));
        return Arbitraries.frequencyOf(Tuple.of(3, session), Tuple.of(1, eventId));
    }

    static Arbitrary<Match> nullMatches() {
        return Combinators.combine(Arbitraries.of(FIELDS), Arbitraries.of(List.<String>of(), List.of("neq")))
                .as((f, m) -> new Match(f, m, List.of("null")));
    }

    static Arbitrary<Match> matches() {
        return Arbitraries.frequencyOf(
                Tuple.of(14, stringMatches()),
                Tuple.of(3, regexMatches()),
                Tuple.of(1, existsMatches()),
                Tuple.of(2, numberMatches()),
                Tuple.of(1, nullMatches()));
    }

    /** A keyword list (1–3 values) or 1–2 maps of 1–3 field matches on distinct fields. */
    static Arbitrary<SearchBody> searchBodies() {
        Arbitrary<SearchBody> keywords = Arbitraries.frequencyOf(
                        Tuple.of(8, patterns().map(Pat::yaml)), Tuple.of(1, Arbitraries.of("3", "1")))
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(Keywords::new);
        Arbitrary<SearchBody> maps = matches()
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .uniqueElements(Match::field)
                .list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(Maps::new);
        return Arbitraries.frequencyOf(Tuple.of(1, keywords), Tuple.of(4, maps));
    }

    /** Condition trees of at most {@code depth} levels over abstract leaves. */
    static Arbitrary<Cond> conditions(int depth) {
        Arbitrary<Cond> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 3).map(Ref::new)),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.of(false, true),
                                        Arbitraries.integers().between(0, 5))
                                .as(Of::new)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Cond> sub = conditions(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(1, sub.map(Not::new)),
                Tuple.of(
                        2,
                        Combinators.combine(Arbitraries.of(true, false), sub, sub, chance(15))
                                .as(Bin::new)));
    }

    private static final Arbitrary<GenRule> RULES = Combinators.combine(
                    Arbitraries.of(PREFIXES).list().ofSize(4),
                    searchBodies().list().ofMinSize(1).ofMaxSize(4),
                    Arbitraries.frequencyOf(
                            Tuple.of(6, conditions(3).map(List::of)),
                            Tuple.of(1, conditions(3).list().ofSize(2))))
            .as(GenRule::new);

    static Arbitrary<GenRule> rules() {
        return RULES;
    }

    static Arbitrary<Object> stringFieldValues() {
        Arbitrary<String> text =
                Arbitraries.of(EVENT_WORDS).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
        return Arbitraries.frequencyOf(
                Tuple.of(12, text), Tuple.of(1, text.list().ofMinSize(1).ofMaxSize(2)));
    }

    static Arbitrary<FieldValue> fieldValues(Arbitrary<Object> present) {
        return Arbitraries.frequencyOf(
                Tuple.of(70, present.map(v -> new FieldValue(true, v))),
                Tuple.of(6, Arbitraries.just(new FieldValue(true, ""))),
                Tuple.of(6, Arbitraries.just(FieldValue.NULL)),
                Tuple.of(18, Arbitraries.just(FieldValue.ABSENT)));
    }

    private static final Arbitrary<GenEvent> EVENTS = events0();

    static Arbitrary<GenEvent> events() {
        return EVENTS;
    }

    private static Arbitrary<GenEvent> events0() {
        Arbitrary<Kind> kind = Arbitraries.frequency(
                Tuple.of(45, Kind.SYSMON_1),
                Tuple.of(35, Kind.SECURITY_4688),
                Tuple.of(8, Kind.SYSMON_3),
                Tuple.of(6, Kind.SECURITY_4624),
                Tuple.of(6, Kind.APPLICATION_1));
        List<Arbitrary<FieldValue>> values = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            values.add(fieldValues(stringFieldValues()));
        }
        values.add(fieldValues(Arbitraries.of(NUM_VALUES)));
        Arbitrary<FieldValue> stray = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(FieldValue.ABSENT)),
                Tuple.of(1, stringFieldValues().map(v -> new FieldValue(true, v))));
        return Combinators.combine(kind, chance(10), Combinators.combine(values).as(l -> l), stray)
                .as(GenEvent::new);
    }

    @Provide
    Arbitrary<List<GenRule>> ruleSets() {
        return rules().list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<GenEvent>> eventLists() {
        return events().list().ofMinSize(1).ofMaxSize(6);
    }

    // ------------------------------------------------------------------------------------------------ checking

    static String yaml(List<GenRule> rules) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rules.size(); i++) {
            if (i > 0) {
                sb.append("---\n");
            }
            sb.append(rules.get(i).yaml(i));
        }
        return sb.toString();
    }

    static CompileResult compile(String yaml) {
        ParseResult parsed = PARSER.parse(yaml, "generated.yml");
        assertThat(parsed.errors()).as("parse errors of\n%s", yaml).isEmpty();
        CompileResult r = COMPILER.compile(List.of(parsed));
        assertThat(r.errors()).as("compile errors of\n%s", yaml).isEmpty();
        return r;
    }

    static Set<String> ids(List<RuleMatch> matches) {
        Set<String> out = new TreeSet<>();
        for (RuleMatch m : matches) {
            assertThat(out.add(m.rule().id()))
                    .as("rule %s reported twice", m.rule().id())
                    .isTrue();
        }
        return out;
    }

    /**
     * Checks one event against a compiled set of generated rules with all three evaluators; returns for each rule
     * whether it matched.
     */
    static boolean[] check(
            String yaml, List<GenRule> gen, CompiledRuleSet set, Detector pre, Detector unfiltered, GenEvent ge) {
        Event e = ge.event();
        Set<String> expected = new TreeSet<>();
        boolean[] matched = new boolean[gen.size()];
        for (int i = 0; i < gen.size(); i++) {
            SigmaRule rule = set.rule(id(i)).orElseThrow().rule();
            boolean naive = NaiveSigmaEvaluator.matches(rule, e);
            Optional<Map<String, Boolean>> searches = NaiveSigmaEvaluator.searchResults(rule, e);
            boolean generated = searches.isPresent() && gen.get(i).eval(searches.get());
            assertThat(naive)
                    .as("condition of rule %d as parsed vs as generated, searches %s, in\n%s", i, searches, yaml)
                    .isEqualTo(generated);
            if (naive) {
                expected.add(id(i));
            }
            matched[i] = naive;
        }
        Set<String> all = ids(unfiltered.detect(e));
        Set<String> filtered = ids(pre.detect(e));
        assertThat(all)
                .as("unfiltered detector vs naive evaluator on %s for\n%s", e, yaml)
                .isEqualTo(expected);
        assertThat(filtered)
                .as("prefiltered detector vs naive evaluator on %s for\n%s", e, yaml)
                .isEqualTo(expected);
        return matched;
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void prefilteredUnfilteredAndNaiveAgree(
            @ForAll("ruleSets") List<GenRule> rules, @ForAll("eventLists") List<GenEvent> events) {
        String yaml = yaml(rules);
        CompiledRuleSet set = compile(yaml).ruleSet();
        assertThat(set.rules()).hasSize(rules.size());
        // one detector of each kind for all events: their per-event caches are reused
        Detector pre = set.newDetector();
        Detector unfiltered = set.newUnfilteredDetector();
        for (GenEvent ge : events) {
            boolean[] matched = check(yaml, rules, set, pre, unfiltered, ge);
            for (boolean m : matched) {
                Statistics.label("rule x event").collect(m ? "match" : "no match");
            }
            Statistics.label("event kind").collect(ge.kind());
        }
        Statistics.label("needle prefilter")
                .collect(pre.evaluated() < unfiltered.evaluated() ? "skipped some rule evaluations" : "skipped none");
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void generatedRulesCompileWithoutErrors(@ForAll("ruleSets") List<GenRule> rules) {
        String yaml = yaml(rules);
        CompileResult r = compile(yaml);
        assertThat(r.ruleSet().rules()).hasSize(rules.size());
        assertThat(r.ruleSet().notApplicable()).isZero();
        assertThat(r.ruleSet().unmapped()).isZero();
    }

    /**
     * A fixed sample of 2,000 (rule, event) pairs (400 seeded random rules, each against 5 seeded random events): the
     * generators make rules match neither never nor always, and the three evaluators agree on the sample too.
     */
    @Example
    void matchRateIsBetweenTenAndNinetyPercent() {
        Random random = new Random(20260302L);
        RandomGenerator<GenRule> ruleGen = rules().generator(1000);
        RandomGenerator<GenEvent> eventGen = events().generator(1000);
        int ruleCount = 400;
        int eventsPerRule = 5;
        int matches = 0;
        long evaluatedFiltered = 0;
        long evaluatedUnfiltered = 0;
        Set<String> distinctRules = new HashSet<>();
        for (int i = 0; i < ruleCount; i++) {
            GenRule rule = ruleGen.next(random).value();
            String yaml = rule.yaml(0);
            distinctRules.add(yaml);
            CompiledRuleSet set = compile(yaml).ruleSet();
            Detector pre = set.newDetector();
            Detector unfiltered = set.newUnfilteredDetector();
            for (int j = 0; j < eventsPerRule; j++) {
                GenEvent event = eventGen.next(random).value();
                if (check(yaml, List.of(rule), set, pre, unfiltered, event)[0]) {
                    matches++;
                }
            }
            evaluatedFiltered += pre.evaluated();
            evaluatedUnfiltered += unfiltered.evaluated();
        }
        int cases = ruleCount * eventsPerRule;
        double rate = (double) matches / cases;
        System.out.printf(
                Locale.ROOT,
                "PrefilterPropertyTest: match rate %.1f%% of %d (rule, event) pairs; the needle prefilter let %d of %d"
                        + " logsource-applicable rule evaluations through%n",
                100 * rate,
                cases,
                evaluatedFiltered,
                evaluatedUnfiltered);
        assertThat(distinctRules).as("distinct rules").hasSizeGreaterThan(ruleCount * 9 / 10);
        assertThat(rate).isBetween(0.10, 0.90);
        assertThat(evaluatedFiltered)
                .as("the needle prefilter skips some evaluations")
                .isLessThan(evaluatedUnfiltered);
    }
}
