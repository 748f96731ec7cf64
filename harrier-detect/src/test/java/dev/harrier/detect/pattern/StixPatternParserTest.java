package dev.harrier.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.harrier.core.Limits;
import dev.harrier.detect.pattern.PatternAst.Combined;
import dev.harrier.detect.pattern.PatternAst.Comparison;
import dev.harrier.detect.pattern.PatternAst.Observation;
import dev.harrier.detect.pattern.PatternAst.ObservationOperator;
import dev.harrier.detect.pattern.PatternAst.Qualified;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StixPatternParserTest {
    private final StixPatternParser parser = new StixPatternParser();

    /** Patterns written after the examples of STIX 2.1 section 9 (one per operator, qualifier and path form). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
                "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
                "[file:hashes.'SHA-256' = 'bf07' OR file:hashes.MD5 = 'cead'] AND [file:hashes.'SHA-256' = 'aec0']",
                "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
                "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
                "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
                "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
                "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
                "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
                "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19']",
                "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']",
                "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
                "[process:command_line MATCHES '^.+>-add GlobalSign.cer'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add'] WITHIN 300 SECONDS",
                "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
                "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']",
                "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
                "[ipv4-addr:value NOT ISSUBSET '192.168.0.1/24']",
                "[ipv4-addr:value ISSUPERSET '198.51.100.0/27']",
                "[file:size IN (1024, 2048, 4096)]",
                "[process:name NOT IN ('proccy', 'proximus')]",
                "[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']",
                "[file:size != 4112]",
                "[file:size NOT <= 25145]",
                "[x:a >= -5 AND x:b < -0.5 AND x:c = +3 AND x:d = .25]",
                "[x:flag = true AND x:other != false]",
                "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
                "[network-traffic:protocols[0] = 'tcp']",
                "[x:list[-1] = 1]",
                "EXISTS windows-registry-key:values",
                "[EXISTS windows-registry-key:values AND NOT EXISTS windows-registry-key:key]",
                "( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])",
                "[foo:bar=1] REPEATS 9 TIMES",
                "[x_whatever:detected == t'2018-03-22T12:11:14.1Z']",
                "[a:b = 1] WITHIN 0.5 SECONDS",
                "[a:b = 1]\n  FOLLOWEDBY\t[a:c = 2] /* comment */",
                "[file:name = 'it\\'s']",
                "[x:set IN ()]",
                "[x:t = t'2016-12-31T23:59:60Z']",
            })
    void acceptsValidPatterns(String pattern) throws PatternException {
        String p = pattern.startsWith("EXISTS") ? "[" + pattern + "]" : pattern;
        PatternAst ast = parser.parse(p);
        // the rendering parses back to the same tree
        assertThat(parser.parse(ast.toString()).root()).isEqualTo(ast.root());
    }

    @Test
    void precedenceFollowsTheSpecification() throws PatternException {
        // AND binds tighter than OR, which binds tighter than FOLLOWEDBY; qualifiers bind to the expression before them
        PatternAst ast = parser.parse("[a:x = 1] OR [a:x = 2] AND [a:x = 3] FOLLOWEDBY [a:x = 4] WITHIN 5 SECONDS");
        Combined top = (Combined) ast.root();
        assertThat(top.operator()).isEqualTo(ObservationOperator.FOLLOWEDBY);
        Combined or = (Combined) top.operands().get(0);
        assertThat(or.operator()).isEqualTo(ObservationOperator.OR);
        assertThat(((Combined) or.operands().get(1)).operator()).isEqualTo(ObservationOperator.AND);
        assertThat(top.operands().get(1)).isInstanceOf(Qualified.class);
        assertThat(((Qualified) top.operands().get(1)).expression()).isInstanceOf(Observation.class);

        PatternAst inside = parser.parse("[a:x = 1 OR a:y = 2 AND a:z = 3]");
        assertThat(((Observation) inside.root()).comparison()).isInstanceOf(PatternAst.Or.class);
    }

    @Test
    void parsesPathsAndLiterals() throws PatternException {
        PatternAst ast = parser.parse("[file:extensions.'windows-pebinary-ext'.sections[*].names[2] NOT = h'00ff']");
        Comparison c = (Comparison) ((Observation) ast.root()).comparison();
        assertThat(c.path().objectType()).isEqualTo("file");
        assertThat(c.path().steps())
                .containsExactly(
                        new PatternAst.Key("extensions"),
                        new PatternAst.Key("windows-pebinary-ext"),
                        new PatternAst.Key("sections"),
                        new PatternAst.AnyIndex(),
                        new PatternAst.Key("names"),
                        new PatternAst.Index(2));
        assertThat(c.negated()).isTrue();
        assertThat(((PatternAst.BinaryLiteral) c.value()).bytes()).containsExactly(0, 0xff);
        assertThat(c.path().toString()).isEqualTo("file:extensions.'windows-pebinary-ext'.sections[*].names[2]");
    }

    private PatternException error(String pattern) {
        return error(pattern, PatternDialect.STIX_2_1);
    }

    private PatternException error(String pattern, PatternDialect dialect) {
        PatternException e = catchThrowableOfType(() -> parser.parse(pattern, dialect), PatternException.class);
        assertThat(e).as("should be rejected: %s", pattern).isNotNull();
        return e;
    }

    @Test
    void syntaxErrorsCarryPositionReasonAndExpectedTokens() {
        PatternException e = error("[file:size = ]");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.offset()).isEqualTo(13);
        assertThat(e.reason()).isEqualTo("unexpected ']'");
        assertThat(e.expected()).contains("string literal", "integer", "timestamp literal t'...'");
        assertThat(e.caret()).isEqualTo("[file:size = ]\n             ^");

        e = error("file:size = 1280");
        assertThat(e.offset()).isZero();
        assertThat(e.expected()).containsExactlyInAnyOrder("'['", "'('");

        e = error("[file.size = 1280]");
        assertThat(e.offset()).isEqualTo(5);

        e = error("[file:name MATCHES /.*\\.dll/]");
        assertThat(e.offset()).isEqualTo(19);
        assertThat(e.expected()).containsExactly("string literal");

        e = error("[a:b = 1] WITHIN 5 HOURS");
        assertThat(e.reason()).isEqualTo("unexpected 'HOURS'");
        assertThat(e.expected()).containsExactly("'SECONDS'");

        e = error("[a:b = 1] WITHIN -5 SECONDS");
        assertThat(e.offset()).isEqualTo(17);

        e = error("[foo:bar=1] within 2 seconds");
        assertThat(e.offset()).isEqualTo(12);
        assertThat(e.expected()).contains("end of pattern", "'WITHIN'", "'AND'");

        e = error("[a:b = 'unterminated]");
        assertThat(e.reason()).contains("unterminated string literal");

        e = error("[a:b = 1");
        assertThat(e.reason()).isEqualTo("missing ']' before end of pattern");
        assertThat(e.expected()).containsExactlyInAnyOrder("'AND'", "'OR'", "']'");
        assertThat(e.offset()).isEqualTo(8);

        e = error("[a:b = 1] FOLLOWEDBY");
        assertThat(e.reason()).isEqualTo("unexpected end of pattern");
        assertThat(e.expected()).containsExactlyInAnyOrder("'['", "'('");

        e = error("[a:b = 1]\n[a:c = 2]");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.caret()).isEqualTo("[a:c = 2]\n^");

        e = error("[a:b = 1 § ]");
        assertThat(e.reason()).contains("U+00A7");
    }

    @Test
    void checksConstantsBeyondTheGrammar() {
        PatternException e = error("[x:created = t'2024-13-01T12:00:00Z']");
        assertThat(e.reason()).contains("month 13");
        assertThat(e.offset()).isEqualTo(15);
        assertThat(error("[x:created = t'2023-02-29T12:00:00Z']").reason()).contains("day 29");
        assertThat(error("[x:created = t'2024-01-15T25:00:00Z']").reason()).contains("hour 25");
        assertThat(error("[x:created = t'2024-01-15T12:30:45']").reason()).contains("Z");
        assertThat(error("[x:created = t'2024-01-15t12:30:45Z']").reason()).contains("form");
        assertThat(error("[x:created = t'not-a-timestamp']").reason()).contains("form");
        assertThat(error("[artifact:payload_bin = b'====']").reason()).contains("base64");
        assertThat(error("[artifact:payload_bin = b'abc']").reason()).contains("base64");
        assertThat(error("[x:h = h'abc']").reason()).contains("even number");
        assertThat(error("[x:h = h'zz']").reason()).contains("hex");
        e = error("[x:s = 'a\\nb']");
        assertThat(e.reason()).contains("invalid escape '\\n'");
        assertThat(e.offset()).isEqualTo(9);
        assertThat(error("[x:n = 99999999999999999999]").reason()).contains("out of range");
        assertThat(error("[x:n IN (1, 'a')]").reason()).contains("one type");
        assertThat(error("[x:n MATCHES '(unclosed']").reason()).contains("invalid regular expression");
        assertThat(error("[ipv4-addr:value ISSUBSET '300.1.1.1/8']").reason()).contains("IPv4 or IPv6");
        assertThat(error("[a:b = 1] REPEATS 0 TIMES").reason()).contains("positive");
        assertThat(error("[a:b = 1] WITHIN 0 SECONDS").reason()).contains("positive");
        assertThat(error("[a:b = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS").reason())
                .contains("only one WITHIN");
        assertThat(error("([a:b = 1] REPEATS 2 TIMES REPEATS 3 TIMES)").reason())
                .contains("only one REPEATS");
        assertThat(error("[a:b = 1] START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z'"
                                + " START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z'")
                        .reason())
                .contains("only one START/STOP");
    }

    @Test
    void separatesTheDialects() throws PatternException {
        String v20 = "[file:name = 'foo.dll'] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'";
        String v21 = "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'";
        PatternAst a = parser.parse(v20, PatternDialect.STIX_2_0);
        assertThat(a.toString()).isEqualTo(v20);
        assertThat(parser.parse(v21).toString()).isEqualTo(v21);
        assertThat(error(v20).reason()).contains("STIX 2.1 requires a timestamp literal");
        assertThat(error(v21, PatternDialect.STIX_2_0).reason()).contains("STIX 2.0 takes a string literal");
        assertThat(error("[EXISTS file:name]", PatternDialect.STIX_2_0).reason())
                .contains("EXISTS is not part of STIX 2.0");
        assertThat(error("[a:b = 1] START '2016-06-01' STOP '2016-07-01T00:00:00Z'", PatternDialect.STIX_2_0)
                        .reason())
                .contains("invalid timestamp");
        assertThat(PatternDialect.ofSpecVersion("2.0")).isEqualTo(PatternDialect.STIX_2_0);
        assertThat(PatternDialect.ofSpecVersion("2.1")).isEqualTo(PatternDialect.STIX_2_1);
    }

    @Test
    void enforcesLimits() {
        Limits small = Limits.defaults();
        StixPatternParser p = new StixPatternParser(small);
        String deep = "(".repeat(100) + "[a:b = 1]" + ")".repeat(100);
        PatternException e = catchThrowableOfType(() -> p.parse(deep), PatternException.class);
        assertThat(e.reason()).contains("nested deeper than 64");
        assertThat(e.offset()).isEqualTo(64);
        String within = "(".repeat(60) + "[a:b = 1]" + ")".repeat(60);
        assertThat(catchThrowableOfType(() -> p.parse(within), PatternException.class))
                .isNull();
        // brackets inside string literals do not count
        assertThat(catchThrowableOfType(() -> p.parse("[a:b = '" + "(".repeat(200) + "']"), PatternException.class))
                .isNull();
    }

    @Test
    void hugeOrListsParseIteratively() throws PatternException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i == 0 ? "" : " OR ")
                    .append("ipv4-addr:value = '10.0.")
                    .append(i / 256 % 256)
                    .append('.')
                    .append(i % 256)
                    .append('\'');
        }
        PatternAst ast = parser.parse(sb.append(']').toString());
        assertThat(((PatternAst.Or) ((Observation) ast.root()).comparison()).operands())
                .hasSize(20_000);
    }

    @Test
    void handBuiltTreesAreCheckedByTheCompiler() {
        PatternAst bad = PatternAst.of(
                PatternDialect.STIX_2_1,
                new Observation(new Comparison(
                        new PatternAst.ObjectPath("a", List.of(new PatternAst.Key("b"))),
                        false,
                        PatternAst.Operator.IN,
                        new PatternAst.StringLiteral("x"))));
        assertThatThrownBy(() -> new PatternCompiler().compile(bad))
                .isInstanceOf(PatternException.class)
                .hasMessageContaining("IN needs a set literal");
    }
}
