package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.detect.sigma.Condition.And;
import dev.harrier.detect.sigma.Condition.Not;
import dev.harrier.detect.sigma.Condition.Of;
import dev.harrier.detect.sigma.Condition.Or;
import dev.harrier.detect.sigma.Condition.Quantifier;
import dev.harrier.detect.sigma.Condition.Ref;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigmaParserTest {
    private final SigmaParser parser = new SigmaParser();

    private static final String RULE = """
            title: Whoami Execution
            id: 502b42de-4306-40b4-9596-6f590c81f073
            name: whoami_exec
            status: test
            description: Detects whoami
            author: Someone
            date: 2023-01-01
            modified: 2024/02/03
            references:
              - https://example.org
            tags:
              - attack.discovery
              - attack.t1033
              - attack.T1059.001
            logsource:
              category: process_creation
              product: windows
              service: security
              definition: needs Sysmon
            detection:
              selection:
                Image|endswith: '\\\\whoami.exe'
                CommandLine|contains|all:
                  - '/all'
                  - '/priv'
              selection_alt:
                - OriginalFileName: whoami.exe
                - EventID: [4688, 1]
                  Enabled: true
                  Empty: null
              keywords:
                - 'evil'
                - 3.5
              filter_main_system:
                User|re|i|m: '^SYSTEM$'
              filter_optional_x:
                ParentImage|exists: false
              condition: (selection or selection_alt) and not 1 of filter_* or all of them and keywords
            falsepositives: Admins
            level: high
            """;

    @Test
    void parsesAFullRule() {
        ParseResult r = parser.parse(RULE, "whoami.yml");
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        SigmaRule rule = r.rules().get(0);
        assertThat(rule.source()).isEqualTo("whoami.yml");
        assertThat(rule.line()).isEqualTo(1);
        assertThat(rule.id()).isEqualTo("502b42de-4306-40b4-9596-6f590c81f073");
        assertThat(rule.name()).isEqualTo("whoami_exec");
        assertThat(rule.title()).isEqualTo("Whoami Execution");
        assertThat(rule.status()).isEqualTo("test");
        assertThat(rule.level()).isEqualTo("high");
        assertThat(rule.author()).isEqualTo("Someone");
        assertThat(rule.description()).isEqualTo("Detects whoami");
        assertThat(rule.date()).isEqualTo("2023-01-01");
        assertThat(rule.modified()).isEqualTo("2024/02/03");
        assertThat(rule.references()).containsExactly("https://example.org");
        assertThat(rule.tags()).containsExactly("attack.discovery", "attack.t1033", "attack.T1059.001");
        assertThat(rule.attackTechniques()).containsExactly("T1033", "T1059.001");
        assertThat(rule.falsepositives()).containsExactly("Admins");
        assertThat(rule.logsource())
                .isEqualTo(new LogSource("windows", "process_creation", "security", "needs Sysmon"));

        Detection d = rule.detection();
        assertThat(d.searches().keySet())
                .containsExactly("selection", "selection_alt", "keywords", "filter_main_system", "filter_optional_x");
        SearchIdentifier sel = d.searches().get("selection");
        assertThat(sel.line()).isEqualTo(21);
        assertThat(sel.isKeywords()).isFalse();
        assertThat(sel.fieldMaps()).hasSize(1);
        List<FieldMatch> and = sel.fieldMaps().get(0);
        assertThat(and).hasSize(2);
        assertThat(and.get(0))
                .isEqualTo(new FieldMatch(
                        "Image", List.of(Modifier.ENDSWITH), List.of(new Value.Str("\\\\whoami.exe")), 22));
        assertThat(and.get(1).field()).isEqualTo("CommandLine");
        assertThat(and.get(1).modifiers()).containsExactly(Modifier.CONTAINS, Modifier.ALL);
        assertThat(and.get(1).values()).containsExactly(new Value.Str("/all"), new Value.Str("/priv"));
        assertThat(and.get(1).line()).isEqualTo(23);

        SearchIdentifier alt = d.searches().get("selection_alt");
        assertThat(alt.line()).isEqualTo(26);
        assertThat(alt.fieldMaps()).hasSize(2);
        assertThat(alt.fieldMaps().get(0)).extracting(FieldMatch::field).containsExactly("OriginalFileName");
        List<FieldMatch> second = alt.fieldMaps().get(1);
        assertThat(second).extracting(FieldMatch::field).containsExactly("EventID", "Enabled", "Empty");
        assertThat(second.get(0).values())
                .containsExactly(new Value.Num(new BigDecimal(4688), "4688"), new Value.Num(BigDecimal.ONE, "1"));
        assertThat(second.get(1).values()).containsExactly(new Value.Bool(true));
        assertThat(second.get(2).values()).containsExactly(new Value.Null());
        assertThat(second.get(2).line()).isEqualTo(30);

        SearchIdentifier kw = d.searches().get("keywords");
        assertThat(kw.isKeywords()).isTrue();
        assertThat(kw.line()).isEqualTo(31);
        assertThat(kw.keywords()).containsExactly(new Value.Str("evil"), new Value.Num(new BigDecimal("3.5"), "3.5"));

        FieldMatch re =
                d.searches().get("filter_main_system").fieldMaps().get(0).get(0);
        assertThat(re.modifiers()).containsExactly(Modifier.RE, Modifier.RE_IGNORECASE, Modifier.RE_MULTILINE);
        FieldMatch exists =
                d.searches().get("filter_optional_x").fieldMaps().get(0).get(0);
        assertThat(exists.has(Modifier.EXISTS)).isTrue();
        assertThat(exists.values()).containsExactly(new Value.Bool(false));

        assertThat(d.conditions()).hasSize(1);
        assertThat(d.conditions().get(0))
                .isEqualTo(new Or(List.of(
                        new And(List.of(
                                new Or(List.of(new Ref("selection"), new Ref("selection_alt"))),
                                new Not(new Of(
                                        Quantifier.ONE,
                                        "filter_*",
                                        List.of("filter_main_system", "filter_optional_x"))))),
                        new And(List.of(
                                new Of(
                                        Quantifier.ALL,
                                        "them",
                                        List.of(
                                                "selection",
                                                "selection_alt",
                                                "keywords",
                                                "filter_main_system",
                                                "filter_optional_x")),
                                new Ref("keywords"))))));
    }

    private static String rule(String detection) {
        return "title: t\nlogsource:\n  product: windows\ndetection:\n" + detection;
    }

    @Test
    void conditionPrecedenceAndKeywordsAreCaseInsensitive() {
        ParseResult r = parser.parse(
                rule("  a: {x: 1}\n  b: {y: 2}\n  _c: {z: 3}\n  condition: NOT a AND b OR 1 OF them\n"), "p.yml");
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules().get(0).detection().conditions().get(0))
                .isEqualTo(new Or(List.of(
                        new And(List.of(new Not(new Ref("a")), new Ref("b"))),
                        new Of(Quantifier.ONE, "them", List.of("a", "b")))));
    }

    @Test
    void severalConditions() {
        ParseResult r = parser.parse(rule("  a: {x: 1}\n  b: {y: 2}\n  condition:\n    - a\n    - not b\n"), "c.yml");
        assertThat(r.errors()).isEmpty();
        Detection d = r.rules().get(0).detection();
        assertThat(d.conditions()).containsExactly(new Ref("a"), new Not(new Ref("b")));
        assertThat(d.conditionTexts()).containsExactly("a", "not b");
    }

    @Test
    void keywordsWithModifiersHaveAnEmptyField() {
        ParseResult r = parser.parse(rule("  kw:\n    '|contains': [a, b]\n  condition: kw\n"), "k.yml");
        assertThat(r.errors()).isEmpty();
        FieldMatch m = r.rules()
                .get(0)
                .detection()
                .searches()
                .get("kw")
                .fieldMaps()
                .get(0)
                .get(0);
        assertThat(m.field()).isEmpty();
        assertThat(m.modifiers()).containsExactly(Modifier.CONTAINS);
    }

    @Test
    void everySpecModifierIsKnown() {
        String mods = "contains startswith endswith all exists cased neq windash re i m s base64 base64offset utf16le"
                + " utf16be utf16 wide lt lte gt gte minute hour day week month year cidr expand fieldref";
        for (String m : mods.split(" ")) {
            assertThat(Modifier.of(m)).as(m).isPresent();
        }
        assertThat(Modifier.values()).hasSize(mods.split(" ").length);
        assertThat(Modifier.of("bogus")).isEmpty();
    }

    @Test
    void unknownModifierIsAnErrorWithLine() {
        ParseResult r =
                parser.parse(rule("  sel:\n    a: 1\n    Image|endswith|bogus: x\n  condition: sel\n"), "m.yml");
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).hasSize(1);
        SigmaError e = r.errors().get(0);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.message()).contains("unknown modifier 'bogus'");
        assertThat(e.toString()).isEqualTo("m.yml:7:5: " + e.message());
    }

    @Test
    void regexFlagWithoutReIsAnError() {
        ParseResult r = parser.parse(rule("  sel:\n    Image|i: x\n  condition: sel\n"), "f.yml");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.message()).contains("only valid after 're'");
        });
    }

    @Test
    void modifierValueTypesAreChecked() {
        ParseResult r = parser.parse(
                rule("  sel:\n    A|exists: yes please\n    B|gt: abc\n    C: {nested: map}\n  condition: sel\n"),
                "v.yml");
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).extracting(SigmaError::line).containsExactly(6, 7, 8);
        assertThat(r.errors().get(0).message()).contains("single true or false");
        assertThat(r.errors().get(1).message()).contains("compares numbers");
        assertThat(r.errors().get(2).message()).contains("must be a scalar or a list of scalars");
    }

    @Test
    void undefinedIdentifierReportsColumnInCondition() {
        ParseResult r = parser.parse(rule("  sel: {a: 1}\n  condition: sel and nope\n"), "u.yml");
        SigmaError e = r.errors().get(0);
        assertThat(e.line()).isEqualTo(6);
        // "  condition: " is 13 characters; 'nope' starts at offset 8 of the condition
        assertThat(e.column()).isEqualTo(14 + 8);
        assertThat(e.message()).contains("column 9").contains("undefined search identifier 'nope'");
    }

    @Test
    void patternMatchingNothingIsAnError() {
        ParseResult r = parser.parse(rule("  sel: {a: 1}\n  condition: \"sel and not 1 of filter*\"\n"), "n.yml");
        SigmaError e = r.errors().get(0);
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.column()).isEqualTo(14 + 1 + 17);
        assertThat(e.message()).contains("pattern 'filter*' matches no search identifier");
    }

    @Test
    void malformedConditionsAreErrors() {
        Map<String, String> cases = Map.of(
                "sel and", "ends where an operand",
                "(sel", "missing ')'",
                "sel)", "unexpected ')'",
                "2 of sel*", "quantifier must be '1' or 'all'",
                "all sel", "must be followed by 'of'",
                "sel or or sel", "unexpected 'or'",
                "sel | count() > 5", "aggregation expressions",
                "1 of", "'of' must be followed");
        cases.forEach((cond, msg) -> {
            ParseResult r = parser.parse(rule("  sel: {a: 1}\n  condition: '" + cond + "'\n"), "c.yml");
            assertThat(r.rules()).as(cond).isEmpty();
            assertThat(r.errors()).as(cond).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(6);
                assertThat(e.message()).contains(msg);
            });
        });
    }

    @Test
    void deeplyNestedConditionIsRefused() {
        String cond = "(".repeat(200) + "sel" + ")".repeat(200);
        ParseResult r = parser.parse(rule("  sel: {a: 1}\n  condition: '" + cond + "'\n"), "d.yml");
        assertThat(r.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("nested deeper"));
    }

    @Test
    void missingRequiredKeysAreReported() {
        ParseResult r = parser.parse("id: x\nlogsource:\n  product: windows\n", "r.yml");
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors())
                .extracting(SigmaError::message)
                .containsExactly("missing required key 'title'", "missing required key 'detection'");
        assertThat(r.errors()).extracting(SigmaError::line).containsExactly(1, 1);

        ParseResult noCond = parser.parse(rule("  sel: {a: 1}\n"), "r2.yml");
        assertThat(noCond.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("missing required key 'detection.condition'");
            assertThat(e.line()).isEqualTo(5);
        });

        ParseResult noLog = parser.parse("title: t\ndetection:\n  sel: {a: 1}\n  condition: sel\n", "r3.yml");
        assertThat(noLog.errors()).extracting(SigmaError::message).containsExactly("missing required key 'logsource'");
    }

    @Test
    void wrongValueTypesAreReported() {
        ParseResult r = parser.parse(
                "title: [a, b]\nlogsource: windows\ntags: {a: b}\ndetection:\n  sel: {a: 1}\n  condition: sel\n",
                "w.yml");
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors())
                .extracting(e -> e.line() + " " + e.message())
                .containsExactly(
                        "1 'title' must be a non-empty string",
                        "2 'logsource' must be a mapping",
                        "3 'tags' must be a list of strings, not a mapping");
    }

    @Test
    void badDocumentDoesNotStopTheOthers() {
        String yaml = rule("  sel: {a: 1}\n  condition: sel\n") + "---\n" + rule("  sel: {a: 1}\n  condition: bad\n")
                + "---\n" + rule("  other: [k1, k2]\n  condition: other\n");
        ParseResult r = parser.parse(yaml, "multi.yml");
        assertThat(r.rules()).hasSize(2);
        assertThat(r.rules().get(1).line()).isEqualTo(15);
        assertThat(r.rules().get(1).detection().searches().get("other").line()).isEqualTo(19);
        assertThat(r.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(13));
    }

    @Test
    void collectionActionsGlobalRepeatReset() {
        String yaml = """
                action: global
                title: Base
                logsource:
                  product: windows
                detection:
                  base: {EventID: 1}
                  condition: base and sel
                ---
                logsource:
                  category: process_creation
                detection:
                  sel: {Image: a.exe}
                ---
                action: repeat
                title: Repeated
                detection:
                  sel: {Image: b.exe}
                ---
                action: reset
                ---
                title: Alone
                detection:
                  sel: {x: 1}
                  condition: sel
                ---
                action: bogus
                """;
        ParseResult r = parser.parse(yaml, "col.yml");
        assertThat(r.rules()).hasSize(2);
        SigmaRule first = r.rules().get(0);
        assertThat(first.title()).isEqualTo("Base");
        assertThat(first.line()).isEqualTo(9);
        assertThat(first.logsource()).isEqualTo(new LogSource("windows", "process_creation", null, null));
        assertThat(first.detection().searches().keySet()).containsExactly("base", "sel");
        assertThat(first.detection().searches().get("base").line()).isEqualTo(6);
        assertThat(first.detection().searches().get("sel").line()).isEqualTo(12);
        assertThat(first.detection().conditions()).containsExactly(new And(List.of(new Ref("base"), new Ref("sel"))));
        SigmaRule repeated = r.rules().get(1);
        assertThat(repeated.title()).isEqualTo("Repeated");
        assertThat(repeated.detection()
                        .searches()
                        .get("sel")
                        .fieldMaps()
                        .get(0)
                        .get(0)
                        .values())
                .containsExactly(new Value.Str("b.exe"));
        assertThat(repeated.detection().searches().get("sel").line()).isEqualTo(17);
        // after reset, "Alone" lacks logsource: global keys are gone
        assertThat(r.errors())
                .extracting(e -> e.line() + " " + e.message())
                .containsExactly(
                        "21 missing required key 'logsource'", "26 unknown action 'bogus' (global, reset, repeat)");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysHavePositions() {
        ParseResult dup = parser.parse("title: a\ntitle: b\n", "dup.yml");
        assertThat(dup.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).startsWith("invalid YAML").contains("duplicate");
            assertThat(e.line()).isEqualTo(2);
        });
        ParseResult bad = parser.parse("title: a\n  b: [\n", "bad.yml");
        assertThat(bad.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isPositive());
    }

    @Test
    void aliasBombsAndDeepNestingAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p);
            for (int i = 0; i < 9; i++) {
                bomb.append(", *").append(p);
            }
            bomb.append("]\n");
        }
        ParseResult r = parser.parse(bomb.toString(), "bomb.yml");
        assertThat(r.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).containsIgnoringCase("alias"));

        ParseResult deep = parser.parse("a: " + "[".repeat(5000) + "]".repeat(5000) + "\n", "deep.yml");
        assertThat(deep.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("nested deeper than 64"));
    }

    @Test
    void correlationRule() {
        String yaml = """
                title: Brute force
                id: c1
                status: test
                level: high
                correlation:
                  type: value_count
                  rules:
                    - failed_logon
                    - 5c6f1d2a-0000-0000-0000-000000000000
                  group-by:
                    - TargetUserName
                  timespan: 15m
                  condition:
                    gte: 10
                    lt: 100
                    field: IpAddress
                  aliases:
                    user:
                      failed_logon: TargetUserName
                      other: User
                  generate: true
                """;
        ParseResult r = parser.parse(yaml, "corr.yml");
        assertThat(r.errors()).isEmpty();
        SigmaCorrelation c = r.correlations().get(0);
        assertThat(c.type()).isEqualTo(SigmaCorrelation.Type.VALUE_COUNT);
        assertThat(c.rules()).containsExactly("failed_logon", "5c6f1d2a-0000-0000-0000-000000000000");
        assertThat(c.groupBy()).containsExactly("TargetUserName");
        assertThat(c.timespan()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.condition()).isNotNull();
        assertThat(c.condition().field()).isEqualTo("IpAddress");
        assertThat(c.condition().comparisons())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        SigmaCorrelation.Op.GTE, new BigDecimal(10), SigmaCorrelation.Op.LT, new BigDecimal(100)));
        assertThat(c.aliases()).isEqualTo(Map.of("user", Map.of("failed_logon", "TargetUserName", "other", "User")));
        assertThat(c.generate()).isTrue();
        assertThat(c.level()).isEqualTo("high");
    }

    @Test
    void temporalCorrelationNeedsNoCondition() {
        ParseResult r = parser.parse(
                "title: t\ncorrelation:\n  type: temporal_ordered\n  rules: [a, b]\n  timespan: 2d\n", "t.yml");
        assertThat(r.errors()).isEmpty();
        assertThat(r.correlations().get(0).timespan()).isEqualTo(Duration.ofDays(2));
        assertThat(r.correlations().get(0).condition()).isNull();
        assertThat(DocumentReader.parseTimespan("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DocumentReader.parseTimespan("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DocumentReader.parseTimespan("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(DocumentReader.parseTimespan("5 minutes")).isNull();
    }

    @Test
    void correlationErrors() {
        String yaml = """
                title: bad
                correlation:
                  type: value_sum
                  rules: [a]
                  timespan: 5x
                  condition:
                    gte: many
                    between: 3
                ---
                title: bad2
                correlation:
                  type: nonsense
                  rules: a
                  timespan: 1h
                ---
                title: bad3
                correlation:
                  type: event_count
                  rules: [a]
                  timespan: 1h
                """;
        ParseResult r = parser.parse(yaml, "ce.yml");
        assertThat(r.correlations()).isEmpty();
        assertThat(r.errors())
                .extracting(e -> e.line() + " " + e.message())
                .containsExactly(
                        "5 invalid timespan '5x' (expected e.g. 30s, 5m, 1h, 2d, 1w)",
                        "7 correlation condition 'gte' needs a number",
                        "8 unknown correlation condition operator 'between' (gt, gte, lt, lte, eq, neq, field, percentile)",
                        "7 correlation condition has no comparison (gt, gte, lt, lte, eq, neq)",
                        "7 correlation type value_sum needs 'field' in its condition",
                        "12 unknown correlation type 'nonsense'",
                        "18 missing required key 'condition' for correlation type event_count");
    }

    @Test
    void filterRule() {
        String yaml = """
                title: Filter out SYSTEM
                id: f1
                logsource:
                  product: windows
                filter:
                  rules:
                    - 502b42de-4306-40b4-9596-6f590c81f073
                  selection:
                    User|startswith: 'NT AUTHORITY'
                  condition: not selection
                """;
        ParseResult r = parser.parse(yaml, "filter.yml");
        assertThat(r.errors()).isEmpty();
        SigmaFilter f = r.filters().get(0);
        assertThat(f.rules()).containsExactly("502b42de-4306-40b4-9596-6f590c81f073");
        assertThat(f.logsource()).isEqualTo(new LogSource("windows", null, null, null));
        assertThat(f.detection().searches()).containsOnlyKeys("selection");
        assertThat(f.detection().searches().get("selection").line()).isEqualTo(8);
        assertThat(f.detection().conditions()).containsExactly(new Not(new Ref("selection")));

        ParseResult bad = parser.parse("title: f\nfilter:\n  sel: {a: 1}\n  condition: not sel\n", "f2.yml");
        assertThat(bad.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("missing required key 'filter.rules'");
            assertThat(e.line()).isEqualTo(3);
        });
    }

    @Test
    void parsesFilesAndReportsUnreadableOnes(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("ok.yml");
        Files.writeString(ok, rule("  s: {a: 1}\n  condition: s\n"));
        ParseResult r = parser.parse(ok);
        assertThat(r.rules())
                .singleElement()
                .satisfies(x -> assertThat(x.source()).isEqualTo(ok.toString()));

        Path binary = dir.resolve("bin.yml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThat(parser.parse(binary).errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("UTF-8"));
        assertThat(parser.parse(dir.resolve("missing.yml")).errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("cannot read file"));
    }

    @Test
    void supplementaryCharactersAcrossTheYamlBufferBoundary() {
        // snakeyaml-engine 2.10 with its default 1 KiB buffer throws IndexOutOfBoundsException for some of these
        // alignments (as for SigmaHQ's proc_creation_win_susp_emoji_usage_in_cli_*.yml)
        for (int pad = 1; pad <= 12; pad++) {
            String yaml = "title: '" + "x".repeat(pad) + "'\nlogsource: {product: windows}\ndetection:\n  sel:\n"
                    + "    CommandLine|contains:\n" + "      - '\uD83D\uDE00'\n".repeat(300) + "  condition: sel\n";
            ParseResult r = parser.parse(yaml, "emoji.yml");
            assertThat(r.errors()).as("pad %d", pad).isEmpty();
            List<Value> values = r.rules()
                    .get(0)
                    .detection()
                    .searches()
                    .get("sel")
                    .fieldMaps()
                    .get(0)
                    .get(0)
                    .values();
            assertThat(values).hasSize(300).containsOnly(new Value.Str("\uD83D\uDE00"));
        }
    }

    @Test
    void globMatching() {
        assertThat(ConditionParser.globMatches("filter_*", "filter_main")).isTrue();
        assertThat(ConditionParser.globMatches("*_x", "a_x")).isTrue();
        assertThat(ConditionParser.globMatches("a*b*c", "aXXbYc")).isTrue();
        assertThat(ConditionParser.globMatches("a*b", "aXXc")).isFalse();
        assertThat(ConditionParser.globMatches("sel", "selection")).isFalse();
    }
}
