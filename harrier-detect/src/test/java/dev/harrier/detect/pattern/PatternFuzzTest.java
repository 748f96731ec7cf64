package dev.harrier.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random mutations of valid patterns: the parser throws nothing but PatternException, and never hangs. */
class PatternFuzzTest {
    private static final List<String> SEEDS = List.of(
            "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
            "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key ="
                    + " 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
            "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5"
                    + " TIMES WITHIN 1800 SECONDS",
            "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0 AND file:magic_number_hex = h'ffd8']",
            "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z'] START"
                    + " t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
            "[ipv4-addr:value NOT ISSUBSET '192.168.0.1/24' AND EXISTS ipv4-addr:x] OR [a:b IN (1, 2.5, -3)]",
            "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=' AND artifact:mime_type MATCHES '^app(lication)?/.+$']",
            "[email-message:body_multipart[0].body_raw_ref.name LIKE 'Final%' AND x:f NOT = false]");

    private static final String ALPHABET = "[]()'\\.:*,=!<>-+_ abtzhAZ019%/\n\t\u00a0\u2028\uD83D\uDE00"
            + "ANDORNOTFOLLOWEDBYWITHINREPEATSTIMESSTARTSTOPSECONDSINLIKEMATCHESEXISTS";

    private static final Observations DATA = new Observations()
            .v20(
                    "x",
                    "2016-06-15T00:00:00Z",
                    "{\"0\": {\"type\": \"file\", \"name\": \"pdf.exe\", \"size\": 371712},"
                            + " \"1\": {\"type\": \"ipv4-addr\", \"value\": \"192.168.0.7\"}}");

    @Property(tries = 3000)
    void mutatedPatternsOnlyEverFailWithPatternException(
            @ForAll @IntRange(min = 0, max = 7) int seedIndex,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int mutations) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(SEEDS.get(seedIndex));
        for (int i = 0; i < mutations; i++) {
            int pos = s.length() == 0 ? 0 : r.nextInt(s.length() + 1);
            switch (r.nextInt(5)) {
                case 0:
                    if (pos < s.length()) {
                        s.deleteCharAt(pos);
                    }
                    break;
                case 1:
                    s.insert(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                    break;
                case 2: {
                    int end = Math.min(s.length(), pos + r.nextInt(20));
                    s.insert(pos, s.substring(pos, end));
                    break;
                }
                case 3: {
                    int end = Math.min(s.length(), pos + r.nextInt(10));
                    s.delete(pos, end);
                    break;
                }
                default:
                    if (pos < s.length()) {
                        s.setCharAt(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                    }
            }
        }
        String pattern = s.toString();
        long t0 = System.nanoTime();
        for (PatternDialect d : PatternDialect.values()) {
            try {
                CompiledPattern p = new PatternCompiler().compile(pattern, d);
                MatchResult m = DATA.matcher().withSearchBudget(200_000).match(p);
                assertThat(m.pattern()).isSameAs(p);
                // a valid pattern's rendering is valid and means the same
                assertThat(new StixPatternParser().parse(p.ast().toString(), d).root())
                        .isEqualTo(p.ast().root());
            } catch (PatternException e) {
                assertThat(e.offset()).isBetween(0, pattern.length());
                assertThat(e.line()).isPositive();
                assertThat(e.column()).isPositive();
                assertThat(e.reason()).isNotBlank();
                assertThat(e.caret()).contains("^");
            }
        }
        assertThat(System.nanoTime() - t0).as("time for %s", pattern).isLessThan(2_000_000_000L);
    }
}
