package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.Events;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The matching semantics of every modifier and condition form, one small rule and a few events each. */
class SigmaMatchingTest {
    /** A rule with the given detection body, for Sysmon process creation events unless {@code logsource} says. */
    static CompiledRuleSet compile(String detection) {
        return compile("logsource: {category: process_creation, product: windows}", detection);
    }

    static CompiledRuleSet compile(String logsource, String detection) {
        String yaml = "title: t\nid: 11111111-1111-1111-1111-111111111111\n" + logsource + "\ndetection:\n"
                + detection.stripIndent().indent(4);
        CompileResult r = new SigmaCompiler().compile(List.of(new SigmaParser().parse(yaml, "test.yml")));
        assertThat(r.errors()).as("errors of\n%s", yaml).isEmpty();
        return r.ruleSet();
    }

    static List<SigmaError> errors(String detection) {
        String yaml = "title: t\nlogsource: {category: process_creation, product: windows}\ndetection:\n"
                + detection.stripIndent().indent(4);
        return new SigmaCompiler()
                .compile(List.of(new SigmaParser().parse(yaml, "test.yml")))
                .errors();
    }

    /** A Sysmon process creation event with the given extra fields. */
    static Event proc(Object... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("EventID", 1L);
        f.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        f.put("Provider_Name", "Microsoft-Windows-Sysmon");
        f.put("Computer", "WS1");
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return Events.of(f, Instant.parse("2026-03-02T09:41:52.930Z"), "test", 1);
    }

    static boolean hits(CompiledRuleSet set, Event e) {
        boolean filtered = !set.newDetector().detect(e).isEmpty();
        boolean brute = !set.newUnfilteredDetector().detect(e).isEmpty();
        assertThat(filtered).as("prefiltered and unfiltered agree").isEqualTo(brute);
        return filtered;
    }

    /** The prefilter's per-field needles and the string tests that skip on them agree with brute force. */
    @Nested
    class NeedleSkipping {
        @Test
        void needleOfOneFieldDoesNotCountInAnother() {
            CompiledRuleSet s = compile("sel: {CommandLine|contains: 'mimikatz'}\ncondition: sel");
            assertThat(hits(s, proc("CommandLine", "run MIMIKATZ now"))).isTrue();
            assertThat(hits(s, proc("Image", "C:\\mimikatz.exe", "CommandLine", "run it")))
                    .isFalse();
        }

        @Test
        void longValueListsTryOnlyTheValuesWhoseNeedlesOccur() {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                values.append("  - 'tool").append(i).append(".exe'\n");
            }
            values.append("  - '-x'\n"); // too short for a needle: always tried
            CompiledRuleSet s =
                    compile("sel:\n CommandLine|contains:\n" + values.toString().indent(2)
                            + "filter: {Image|endswith: '\\\\good.exe'}\ncondition: sel and not filter");
            assertThat(hits(s, proc("Image", "C:\\a.exe", "CommandLine", "start TOOL137.EXE /q")))
                    .isTrue();
            assertThat(hits(s, proc("Image", "C:\\a.exe", "CommandLine", "start tool.exe -x")))
                    .isTrue();
            assertThat(hits(s, proc("Image", "C:\\a.exe", "CommandLine", "start tool1000.ex")))
                    .isFalse();
            assertThat(hits(s, proc("Image", "C:\\good.exe", "CommandLine", "tool5.exe")))
                    .isFalse();
            assertThat(hits(s, proc("Image", "C:\\a.exe", "CommandLine", List.of("a", "tool7.exe"))))
                    .isTrue();
        }

        @Test
        void nonAsciiValuesAreOnlyTriedOnNonAsciiText() {
            CompiledRuleSet s =
                    compile("sel:\n  CommandLine|contains:\n    - '\u2764'\n    - '\uD83D\uDE00'\n    - '\u00C9x'\n"
                            + "condition: sel");
            assertThat(hits(s, proc("CommandLine", "echo \uD83D\uDE00"))).isTrue();
            assertThat(hits(s, proc("CommandLine", "caf\u00E9X"))).isTrue();
            assertThat(hits(s, proc("CommandLine", "echo hello"))).isFalse();
            assertThat(hits(s, proc("CommandLine", "echo \u00E8"))).isFalse();
        }
    }

    @Nested
    class Strings {
        @Test
        void plainValueIsCaseInsensitiveEquality() {
            CompiledRuleSet s = compile("sel: {Image: 'C:\\Windows\\cmd.exe'}\ncondition: sel");
            assertThat(hits(s, proc("Image", "c:\\windows\\CMD.EXE"))).isTrue();
            assertThat(hits(s, proc("Image", "C:\\Windows\\cmd.exe2"))).isFalse();
            assertThat(hits(s, proc("Other", "C:\\Windows\\cmd.exe"))).isFalse();
        }

        @Test
        void containsStartswithEndswith() {
            assertThat(hits(
                            compile("sel: {CommandLine|contains: 'ENC'}\ncondition: sel"),
                            proc("CommandLine", "x -enc y")))
                    .isTrue();
            assertThat(hits(
                            compile("sel: {CommandLine|startswith: 'pow'}\ncondition: sel"),
                            proc("CommandLine", "PowerShell")))
                    .isTrue();
            assertThat(hits(
                            compile("sel: {CommandLine|startswith: 'pow'}\ncondition: sel"),
                            proc("CommandLine", "xpow")))
                    .isFalse();
            assertThat(hits(
                            compile("sel: {Image|endswith: '\\cmd.exe'}\ncondition: sel"),
                            proc("Image", "C:\\x\\CMD.exe")))
                    .isTrue();
            assertThat(hits(
                            compile("sel: {Image|endswith: '\\cmd.exe'}\ncondition: sel"),
                            proc("Image", "C:\\x\\cmd.exe ")))
                    .isFalse();
        }

        @Test
        void wildcardsAndEscapes() {
            // a backslash before a wildcard escapes it, so a path separator before * is written \\*
            CompiledRuleSet s = compile("sel: {Image: 'C:\\\\*\\c?d.exe'}\ncondition: sel");
            CompiledRuleSet star = compile("sel: {Image: 'C:\\*\\c?d.exe'}\ncondition: sel");
            assertThat(hits(star, proc("Image", "C:*\\cmd.exe"))).isTrue();
            assertThat(hits(star, proc("Image", "C:\\Windows\\cmd.exe"))).isFalse();
            assertThat(hits(s, proc("Image", "C:\\Windows\\System32\\cmd.exe"))).isTrue();
            assertThat(hits(s, proc("Image", "C:\\Windows\\cmmd.exe"))).isFalse();
            CompiledRuleSet lit = compile("sel: {CommandLine: 'a\\*b\\?c'}\ncondition: sel");
            assertThat(hits(lit, proc("CommandLine", "a*b?c"))).isTrue();
            assertThat(hits(lit, proc("CommandLine", "axxbyc"))).isFalse();
            CompiledRuleSet bs = compile("sel: {CommandLine: 'a\\\\*'}\ncondition: sel");
            assertThat(hits(bs, proc("CommandLine", "a\\anything"))).isTrue();
            assertThat(hits(bs, proc("CommandLine", "ab"))).isFalse();
        }

        @Test
        void listsAreOredAndAllAndsThem() {
            CompiledRuleSet any = compile("sel: {CommandLine|contains: [' -a ', ' -b ']}\ncondition: sel");
            assertThat(hits(any, proc("CommandLine", "x -b y"))).isTrue();
            CompiledRuleSet all = compile("sel: {CommandLine|contains|all: [' -a ', ' -b ']}\ncondition: sel");
            assertThat(hits(all, proc("CommandLine", "x -b y"))).isFalse();
            assertThat(hits(all, proc("CommandLine", "x -b -a y"))).isTrue();
        }

        @Test
        void casedIsCaseSensitive() {
            CompiledRuleSet s = compile("sel: {CommandLine|contains|cased: 'Invoke'}\ncondition: sel");
            assertThat(hits(s, proc("CommandLine", "Invoke-X"))).isTrue();
            assertThat(hits(s, proc("CommandLine", "invoke-x"))).isFalse();
        }

        @Test
        void windashCoversEveryDash() {
            CompiledRuleSet s = compile("sel: {CommandLine|windash|contains: ' -exec '}\ncondition: sel");
            for (String d : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
                assertThat(hits(s, proc("CommandLine", "x " + d + "exec y")))
                        .as(d)
                        .isTrue();
            }
            assertThat(hits(s, proc("CommandLine", "x +exec y"))).isFalse();
        }

        @Test
        void nullMeansAbsentOrEmpty() {
            CompiledRuleSet s = compile("sel: {ParentImage: null}\ncondition: sel");
            assertThat(hits(s, proc())).isTrue();
            assertThat(hits(s, proc("ParentImage", ""))).isTrue();
            assertThat(hits(s, proc("ParentImage", "x"))).isFalse();
        }

        @Test
        void emptyStringMatchesOnlyEmpty() {
            CompiledRuleSet s = compile("sel: {ParentImage: ''}\ncondition: sel");
            assertThat(hits(s, proc("ParentImage", ""))).isTrue();
            assertThat(hits(s, proc())).isFalse();
        }

        @Test
        void arrayValuesMatchWhenAnyElementDoes() {
            CompiledRuleSet s = compile("sel: {Tags|endswith: '.evil'}\ncondition: sel");
            assertThat(hits(s, proc("Tags", List.of("a.good", "b.EVIL")))).isTrue();
            assertThat(hits(s, proc("Tags", List.of("a.good")))).isFalse();
        }
    }

    @Nested
    class Regex {
        @Test
        void caseSensitiveByDefaultAndUnanchored() {
            CompiledRuleSet s = compile("sel: {CommandLine|re: 'Invoke-[A-Z]\\w+'}\ncondition: sel");
            assertThat(hits(s, proc("CommandLine", "x Invoke-Mimikatz y"))).isTrue();
            assertThat(hits(s, proc("CommandLine", "x invoke-mimikatz y"))).isFalse();
        }

        @Test
        void flags() {
            assertThat(hits(
                            compile("sel: {CommandLine|re|i: 'invoke-m'}\ncondition: sel"),
                            proc("CommandLine", "INVOKE-M")))
                    .isTrue();
            assertThat(hits(compile("sel: {CommandLine|re|m: '^b$'}\ncondition: sel"), proc("CommandLine", "a\nb\nc")))
                    .isTrue();
            assertThat(hits(compile("sel: {CommandLine|re: '^b$'}\ncondition: sel"), proc("CommandLine", "a\nb\nc")))
                    .isFalse();
            assertThat(hits(compile("sel: {CommandLine|re|s: 'a.b'}\ncondition: sel"), proc("CommandLine", "a\nb")))
                    .isTrue();
            assertThat(hits(compile("sel: {CommandLine|re: 'a.b'}\ncondition: sel"), proc("CommandLine", "a\nb")))
                    .isFalse();
        }

        @Test
        void badRegexRejectsTheRuleWithItsLine() {
            List<SigmaError> e = errors("sel: {CommandLine|re: 'a(b'}\ncondition: sel");
            assertThat(e).hasSize(1);
            assertThat(e.get(0).line()).isEqualTo(4);
            assertThat(e.get(0).message()).contains("invalid regular expression");
        }
    }

    @Nested
    class Encodings {
        @Test
        void base64() {
            CompiledRuleSet s = compile("sel: {CommandLine|base64|contains: 'IEX'}\ncondition: sel");
            assertThat(hits(s, proc("CommandLine", "x SUVY y"))).isTrue();
            assertThat(hits(s, proc("CommandLine", "x suvy y")))
                    .as("base64 is case-sensitive")
                    .isFalse();
        }

        @Test
        void base64offsetFindsTheValueAtEveryAlignment() {
            CompiledRuleSet s = compile("sel: {CommandLine|base64offset|contains: 'http://'}\ncondition: sel");
            for (String prefix : List.of("", "a", "ab", "abc")) {
                String b64 = java.util.Base64.getEncoder()
                        .encodeToString((prefix + "http://x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(hits(s, proc("CommandLine", "-e " + b64)))
                        .as("prefix '%s'", prefix)
                        .isTrue();
            }
            assertThat(hits(s, proc("CommandLine", "-e aHR0cHM6Ly94")))
                    .as("https")
                    .isFalse();
        }

        @Test
        void utf16Variants() {
            String text = "whoami";
            for (String[] c : new String[][] {
                {"utf16le", "UTF-16LE", ""},
                {"wide", "UTF-16LE", ""},
                {"utf16be", "UTF-16BE", ""},
                {"utf16", "UTF-16LE", "bom"}
            }) {
                CompiledRuleSet s = compile(
                        "sel: {CommandLine|" + c[0] + "|base64offset|contains: '" + text + "'}\ncondition: sel");
                byte[] body = text.getBytes(java.nio.charset.Charset.forName(c[1]));
                byte[] bytes = body;
                if (!c[2].isEmpty()) {
                    bytes = new byte[body.length + 2];
                    bytes[0] = (byte) 0xff;
                    bytes[1] = (byte) 0xfe;
                    System.arraycopy(body, 0, bytes, 2, body.length);
                }
                String b64 = java.util.Base64.getEncoder().encodeToString(bytes);
                assertThat(hits(s, proc("CommandLine", "-enc " + b64))).as(c[0]).isTrue();
                assertThat(hits(
                                s,
                                proc(
                                        "CommandLine",
                                        "-enc " + java.util.Base64.getEncoder().encodeToString(text.getBytes()))))
                        .as(c[0] + " does not match UTF-8")
                        .isFalse();
            }
        }

        @Test
        void utf16WithoutBase64IsRejected() {
            assertThat(errors("sel: {CommandLine|wide|contains: 'x'}\ncondition: sel"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("only work before base64"));
        }
    }

    @Nested
    class NumbersAndTime {
        @Test
        void numbersMatchNumbersAndNumericText() {
            CompiledRuleSet s = compile(
                    "logsource: {product: windows, service: security}",
                    "sel: {EventID: 4624, LogonType: 3}\ncondition: sel");
            assertThat(hits(s, sec(4624, "LogonType", "3"))).isTrue();
            assertThat(hits(s, sec(4624, "LogonType", 3L))).isTrue();
            assertThat(hits(s, sec(4625, "LogonType", 3L))).isFalse();
            assertThat(hits(s, sec(4624, "LogonType", "10"))).isFalse();
        }

        @Test
        void comparisons() {
            for (String[] c : new String[][] {
                {"lt", "5", "4", "5"}, {"lte", "5", "5", "6"}, {"gt", "5", "6", "5"}, {"gte", "5", "5", "4"}
            }) {
                CompiledRuleSet s = compile("sel: {Count|" + c[0] + ": " + c[1] + "}\ncondition: sel");
                assertThat(hits(s, proc("Count", c[2])))
                        .as("%s %s vs %s", c[0], c[1], c[2])
                        .isTrue();
                assertThat(hits(s, proc("Count", Long.parseLong(c[3]))))
                        .as("%s %s vs %s", c[0], c[1], c[3])
                        .isFalse();
                assertThat(hits(s, proc("Count", "n/a"))).isFalse();
            }
        }

        @Test
        void timePartsAloneAndWithComparison() {
            CompiledRuleSet hour = compile("sel: {UtcTime|hour: 9}\ncondition: sel");
            assertThat(hits(hour, proc("UtcTime", "2026-03-02 09:41:52.930"))).isTrue();
            assertThat(hits(hour, proc("UtcTime", "2026-03-02 10:41:52.930"))).isFalse();
            CompiledRuleSet night = compile("sel: {UtcTime|hour|gte: 22}\ncondition: sel");
            assertThat(hits(night, proc("UtcTime", "2026-03-02T23:00:00Z"))).isTrue();
            assertThat(hits(night, proc("UtcTime", "2026-03-02T21:59:59Z"))).isFalse();
            assertThat(hits(
                            compile("sel: {UtcTime|minute: 41}\ncondition: sel"),
                            proc("UtcTime", "2026-03-02 09:41:00")))
                    .isTrue();
            assertThat(hits(compile("sel: {UtcTime|day: 2}\ncondition: sel"), proc("UtcTime", "2026-03-02 09:41:00")))
                    .isTrue();
            assertThat(hits(compile("sel: {UtcTime|month: 3}\ncondition: sel"), proc("UtcTime", "2026-03-02 09:41:00")))
                    .isTrue();
            assertThat(hits(
                            compile("sel: {UtcTime|year: 2026}\ncondition: sel"),
                            proc("UtcTime", "2026-03-02 09:41:00")))
                    .isTrue();
            assertThat(hits(compile("sel: {UtcTime|week: 10}\ncondition: sel"), proc("UtcTime", "2026-03-02 09:41:00")))
                    .isTrue();
            assertThat(hits(compile("sel: {UtcTime|week: 9}\ncondition: sel"), proc("UtcTime", "2026-03-02 09:41:00")))
                    .isFalse();
        }

        @Test
        void nonNumericComparisonValueIsRejected() {
            assertThat(errors("sel: {Count|gt: 'many'}\ncondition: sel")).hasSize(1);
        }
    }

    @Nested
    class Generic {
        @Test
        void exists() {
            CompiledRuleSet yes = compile("sel: {ParentImage|exists: true}\ncondition: sel");
            CompiledRuleSet no = compile("sel: {ParentImage|exists: false}\ncondition: sel");
            assertThat(hits(yes, proc("ParentImage", "")))
                    .as("empty still exists")
                    .isTrue();
            assertThat(hits(yes, proc())).isFalse();
            assertThat(hits(no, proc())).isTrue();
            assertThat(hits(no, proc("ParentImage", "x"))).isFalse();
        }

        @Test
        void neqIsDifferentFromEveryValue() {
            CompiledRuleSet s = compile(
                    "sel: {Image|endswith: '.exe'}\nsel2: {User|neq: [SYSTEM, 'LOCAL SERVICE']}\ncondition: sel and sel2");
            assertThat(hits(s, proc("Image", "a.exe", "User", "bob"))).isTrue();
            assertThat(hits(s, proc("Image", "a.exe", "User", "system"))).isFalse();
            assertThat(hits(s, proc("Image", "a.exe", "User", "local service"))).isFalse();
            assertThat(hits(s, proc("Image", "a.exe")))
                    .as("absent field differs")
                    .isTrue();
        }

        @Test
        void cidrV4AndV6() {
            CompiledRuleSet s = compile(
                    "logsource: {category: network_connection, product: windows}",
                    "sel: {DestinationIp|cidr: ['10.0.0.0/8', '2001:db8::/32']}\ncondition: sel");
            assertThat(hits(s, net("10.200.1.2"))).isTrue();
            assertThat(hits(s, net("11.0.0.1"))).isFalse();
            assertThat(hits(s, net("2001:DB8:5a1e::77"))).isTrue();
            assertThat(hits(s, net("2001:db9::1"))).isFalse();
            assertThat(hits(s, net("::ffff:10.1.2.3"))).as("IPv4-mapped").isTrue();
            assertThat(hits(s, net("not an ip"))).isFalse();
            assertThat(errors("sel: {DestinationIp|cidr: '10.0.0.0/33'}\ncondition: sel"))
                    .hasSize(1);
        }

        @Test
        void fieldrefComparesTwoFields() {
            CompiledRuleSet eq = compile("sel: {ParentImage|fieldref: Image}\ncondition: sel");
            assertThat(hits(eq, proc("Image", "C:\\a.exe", "ParentImage", "c:\\A.EXE")))
                    .isTrue();
            assertThat(hits(eq, proc("Image", "C:\\a.exe", "ParentImage", "C:\\b.exe")))
                    .isFalse();
            CompiledRuleSet ends = compile("sel: {CommandLine|fieldref|endswith: Image}\ncondition: sel");
            assertThat(hits(ends, proc("Image", "b.exe", "CommandLine", "run b.exe")))
                    .isTrue();
            CompiledRuleSet ne = compile(
                    "sel: {ParentImage|fieldref|neq: Image}\nsel2: {Image|exists: true}\ncondition: sel and sel2");
            assertThat(hits(ne, proc("Image", "a", "ParentImage", "b"))).isTrue();
            assertThat(hits(ne, proc("Image", "a", "ParentImage", "A"))).isFalse();
        }

        @Test
        void expandWithPlaceholderValues() {
            String yaml = "title: t\nlogsource: {category: process_creation, product: windows}\ndetection:\n"
                    + "    sel: {Computer|expand: '%admin_hosts%'}\n    condition: sel\n";
            SigmaCompiler c = new SigmaCompiler(
                    LogSourceMap.windowsDefault(),
                    Placeholders.of(Map.of("admin_hosts", List.of("WS1", "WS2")), Placeholders.Unresolved.REJECT),
                    false);
            CompileResult r = c.compile(List.of(new SigmaParser().parse(yaml, "p.yml")));
            assertThat(r.errors()).isEmpty();
            assertThat(hits(r.ruleSet(), proc())).isTrue();
            CompileResult missing = new SigmaCompiler().compile(List.of(new SigmaParser().parse(yaml, "p.yml")));
            assertThat(missing.errors()).singleElement().satisfies(e -> {
                assertThat(e.toString()).startsWith("p.yml:4:");
                assertThat(e.message()).contains("%admin_hosts%");
            });
        }

        @Test
        void keywordsSearchEveryField() {
            CompiledRuleSet s = compile("keywords: ['mimikatz', 'sekurlsa::']\ncondition: keywords");
            assertThat(hits(s, proc("CommandLine", "run MIMIKATZ.exe"))).isTrue();
            assertThat(hits(s, proc("Image", "x", "Description", "sekurlsa::logonpasswords")))
                    .isTrue();
            assertThat(hits(s, proc("Image", "notepad.exe"))).isFalse();
        }
    }

    @Nested
    class Conditions {
        static final String SEARCHES =
                "sel_a: {Image|endswith: 'a.exe'}\nsel_b: {CommandLine|contains: ' -b'}\nfilter_x: {User: SYSTEM}\n";

        @Test
        void andOrNotParentheses() {
            CompiledRuleSet s = compile(SEARCHES + "condition: (sel_a or sel_b) and not filter_x");
            assertThat(hits(s, proc("Image", "a.exe"))).isTrue();
            assertThat(hits(s, proc("Image", "z.exe", "CommandLine", "z -b"))).isTrue();
            assertThat(hits(s, proc("Image", "a.exe", "User", "SYSTEM"))).isFalse();
            assertThat(hits(s, proc("Image", "z.exe"))).isFalse();
        }

        @Test
        void oneOfAndAllOfPatterns() {
            CompiledRuleSet one = compile(SEARCHES + "condition: 1 of sel_*");
            CompiledRuleSet all = compile(SEARCHES + "condition: all of sel_*");
            Event onlyA = proc("Image", "a.exe");
            Event both = proc("Image", "a.exe", "CommandLine", "a -b");
            assertThat(hits(one, onlyA)).isTrue();
            assertThat(hits(all, onlyA)).isFalse();
            assertThat(hits(all, both)).isTrue();
        }

        @Test
        void themSkipsUnderscoreNames() {
            CompiledRuleSet s = compile("a: {Image: x}\n_b: {Image: y}\ncondition: all of them");
            assertThat(hits(s, proc("Image", "x"))).isTrue();
        }

        @Test
        void conditionListMatchesWhenAnyDoes() {
            CompiledRuleSet s = compile(SEARCHES + "condition:\n  - sel_a and filter_x\n  - sel_b");
            assertThat(hits(s, proc("Image", "a.exe"))).isFalse();
            assertThat(hits(s, proc("Image", "a.exe", "User", "system"))).isTrue();
            assertThat(hits(s, proc("CommandLine", "q -b"))).isTrue();
        }

        @Test
        void listOfMapsIsAnOr() {
            CompiledRuleSet s = compile("sel:\n  - {Image: a}\n  - {Image: b, User: u}\ncondition: sel");
            assertThat(hits(s, proc("Image", "a"))).isTrue();
            assertThat(hits(s, proc("Image", "b"))).isFalse();
            assertThat(hits(s, proc("Image", "b", "User", "U"))).isTrue();
        }
    }

    @Nested
    class LogSources {
        @Test
        void aRuleOnlySeesItsLogsource() {
            CompiledRuleSet s = compile("sel: {Image|endswith: 'a.exe'}\ncondition: sel");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("EventID", 3L);
            f.put("Channel", "Microsoft-Windows-Sysmon/Operational");
            f.put("Image", "a.exe");
            assertThat(hits(s, Events.of(f, null, "t", 1)))
                    .as("Sysmon 3 is not process_creation")
                    .isFalse();
            f.put("EventID", 1L);
            assertThat(hits(s, Events.of(f, null, "t", 1))).isTrue();
        }

        @Test
        void securityProcessCreationRenamesFields() {
            CompiledRuleSet s =
                    compile("sel: {Image|endswith: '\\a.exe', ParentImage|endswith: '\\p.exe'}\ncondition: sel");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("EventID", 4688L);
            f.put("Channel", "Security");
            f.put("NewProcessName", "C:\\a.exe");
            f.put("ParentProcessName", "C:\\p.exe");
            assertThat(hits(s, Events.of(f, null, "t", 1))).isTrue();
        }

        @Test
        void otherProductsAreNotApplicable() {
            CompiledRuleSet s = compile(
                    "logsource: {product: linux, category: process_creation}", "sel: {Image: x}\ncondition: sel");
            assertThat(s.notApplicable()).isEqualTo(1);
            assertThat(hits(s, proc("Image", "x"))).isFalse();
        }

        @Test
        void zeekRulesSeeZeekLogsAndWindowsRulesDoNot() {
            CompiledRuleSet zeek = compile(
                    "logsource: {product: zeek, service: dns}",
                    "sel: {query|endswith: '.lantern.example'}\ncondition: sel");
            Event dns = Events.network(
                    "zeek",
                    "zeek/dns",
                    null,
                    Map.of("query", "update.lantern.example", "id.orig_h", "10.0.0.5"),
                    null,
                    "dns.log",
                    9);
            assertThat(hits(zeek, dns)).isTrue();
            Event http = Events.network(
                    "zeek", "zeek/http", null, Map.of("query", "update.lantern.example"), null, "http.log", 3);
            assertThat(hits(zeek, http)).as("dns rule, http log").isFalse();
            CompiledRuleSet windowsAny = compile(
                    "logsource: {product: windows}", "sel: {query|endswith: '.lantern.example'}\ncondition: sel");
            assertThat(hits(windowsAny, dns))
                    .as("a windows rule never sees zeek events")
                    .isFalse();
            CompiledRuleSet anyProduct =
                    compile("logsource: {service: dns}", "sel: {query|endswith: '.lantern.example'}\ncondition: sel");
            assertThat(hits(anyProduct, dns))
                    .as("no product: the service resolves in the zeek map")
                    .isTrue();
        }

        @Test
        void registryAddNeedsCreateKey() {
            CompiledRuleSet s = compile(
                    "logsource: {category: registry_add, product: windows}",
                    "sel: {TargetObject|contains: 'Run'}\ncondition: sel");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("EventID", 12L);
            f.put("Channel", "Microsoft-Windows-Sysmon/Operational");
            f.put("TargetObject", "HKLM\\...\\Run\\x");
            f.put("EventType", "DeleteKey");
            assertThat(hits(s, Events.of(f, null, "t", 1))).isFalse();
            f.put("EventType", "CreateKey");
            assertThat(hits(s, Events.of(f, null, "t", 1))).isTrue();
        }
    }

    @Test
    void matchedFieldsAreReported() {
        CompiledRuleSet s = compile(
                "sel: {Image|endswith: 'a.exe', CommandLine|contains: '-x'}\nfilter: {User: SYSTEM}\ncondition: sel and not filter");
        List<RuleMatch> m = s.newDetector().detect(proc("Image", "C:\\a.exe", "CommandLine", "a -x", "User", "bob"));
        assertThat(m)
                .singleElement()
                .satisfies(r -> assertThat(r.fields())
                        .containsExactly(Map.entry("Image", "C:\\a.exe"), Map.entry("CommandLine", "a -x")));
    }

    @Test
    void filterRulesApplyToTheRulesTheyName() {
        String rule = "title: r\nname: staging\nlogsource: {category: process_creation, product: windows}\n"
                + "detection:\n  sel: {Image|endswith: '7z.exe'}\n  condition: sel\n";
        String filter = "title: f\nlogsource: {category: process_creation, product: windows}\n"
                + "filter:\n  rules: [staging]\n  selection: {Computer: BACKUP01}\n  condition: not selection\n";
        SigmaParser p = new SigmaParser();
        CompileResult r = new SigmaCompiler().compile(List.of(p.parse(rule, "r.yml"), p.parse(filter, "f.yml")));
        assertThat(r.errors()).isEmpty();
        assertThat(hits(r.ruleSet(), proc("Image", "C:\\7z.exe"))).isTrue();
        assertThat(hits(r.ruleSet(), proc("Image", "C:\\7z.exe", "Computer", "BACKUP01")))
                .isFalse();
    }

    @Test
    void oneBadRuleDoesNotStopTheOthers() {
        String good =
                "title: g\nlogsource: {category: process_creation, product: windows}\ndetection:\n  s: {Image: x}\n  condition: s\n";
        String bad =
                "title: b\nlogsource: {category: process_creation, product: windows}\ndetection:\n  s: {Image|re: '('}\n  condition: s\n";
        SigmaParser p = new SigmaParser();
        CompileResult r = new SigmaCompiler().compile(List.of(p.parse(good + "---\n" + bad, "two.yml")));
        assertThat(r.ruleSet().rules()).hasSize(1);
        assertThat(r.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("two.yml:10:"));
    }

    static Event sec(long id, Object... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("EventID", id);
        f.put("Channel", "Security");
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return Events.of(f, null, "t", 1);
    }

    static Event net(String ip) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("EventID", 3L);
        f.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        f.put("DestinationIp", ip);
        return Events.of(f, null, "t", 1);
    }
}
