package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.StixIds;
import dev.harrier.core.StixTimestamps;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The value checks, type detection, refanging and the fast STIX syntax checks. */
class ValueChecksTest {

    @Test
    void ipAddresses() {
        assertThat(ValueChecks.isIpv4("192.0.2.1")).isTrue();
        assertThat(ValueChecks.isIpv4("255.255.255.255")).isTrue();
        assertThat(ValueChecks.isIpv4("256.1.1.1")).isFalse();
        assertThat(ValueChecks.isIpv4("01.1.1.1")).isFalse();
        assertThat(ValueChecks.isIpv4("1.1.1")).isFalse();
        assertThat(ValueChecks.isIpv4("1.1.1.1.")).isFalse();
        assertThat(ValueChecks.isIpv6("::")).isTrue();
        assertThat(ValueChecks.isIpv6("::1")).isTrue();
        assertThat(ValueChecks.isIpv6("2001:db8::1")).isTrue();
        assertThat(ValueChecks.isIpv6("::ffff:192.0.2.1")).isTrue();
        assertThat(ValueChecks.isIpv6("1:2:3:4:5:6:7:8")).isTrue();
        assertThat(ValueChecks.isIpv6("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(ValueChecks.isIpv6("1::2::3")).isFalse();
        assertThat(ValueChecks.isIpv6("12345::")).isFalse();
        assertThat(ValueChecks.isIpv6("1.2.3.4")).isFalse();
        assertThat(ValueChecks.isIpv4Cidr("10.0.0.0/8")).isTrue();
        assertThat(ValueChecks.isIpv4Cidr("10.0.0.0/33")).isFalse();
        assertThat(ValueChecks.isIpv6Cidr("2001:db8::/32")).isTrue();
        assertThat(ValueChecks.isIpv6Cidr("2001:db8::/129")).isFalse();
    }

    @Property
    void everyIpv4AddressIsAccepted(
            @ForAll @IntRange(max = 255) int a,
            @ForAll @IntRange(max = 255) int b,
            @ForAll @IntRange(max = 255) int c,
            @ForAll @IntRange(max = 255) int d) {
        assertThat(ValueChecks.isIpv4(a + "." + b + "." + c + "." + d)).isTrue();
    }

    @Property
    void everyIpv6AddressTheJdkPrintsIsAccepted(@ForAll @Size(16) byte[] bytes) throws Exception {
        InetAddress a = Inet6Address.getByAddress(null, bytes, null);
        String s = a.getHostAddress();
        assertThat(ValueChecks.isIpv6(s)).as(s).isTrue();
        assertThat(ValueChecks.isIpv6(s.replaceFirst("(^|:)0(:0)+(:|$)", "::")))
                .as(s)
                .isTrue();
    }

    @Test
    void namesAndAddresses() {
        assertThat(ValueChecks.isDomain("update-lantern.example")).isTrue();
        assertThat(ValueChecks.isDomain("xn--bcher-kva.example")).isTrue();
        assertThat(ValueChecks.isDomain("bücher.example")).isTrue();
        assertThat(ValueChecks.isDomain("localhost")).isFalse();
        assertThat(ValueChecks.isDomain("-bad.example")).isFalse();
        assertThat(ValueChecks.isDomain("a..example")).isFalse();
        assertThat(ValueChecks.isDomain("example.123")).isFalse();
        assertThat(ValueChecks.isHostname("_dmarc.example")).isTrue();
        assertThat(ValueChecks.isEmail("a.b+c@mail.example")).isTrue();
        assertThat(ValueChecks.isEmail("@mail.example")).isFalse();
        assertThat(ValueChecks.isEmail("a..b@mail.example")).isFalse();
        assertThat(ValueChecks.isUrl("https://reed.example:8443/a?b#c")).isTrue();
        assertThat(ValueChecks.isUrl("http://[2001:db8::1]/x")).isTrue();
        assertThat(ValueChecks.isUrl("http://192.0.2.1/")).isTrue();
        assertThat(ValueChecks.isUrl("http://user@reed.example")).isTrue();
        assertThat(ValueChecks.isUrl("reed.example/path")).isFalse();
        assertThat(ValueChecks.isUrl("http://reed.example/a b")).isFalse();
        assertThat(ValueChecks.isUrl("http://reed.example:http/")).isFalse();
    }

    @Test
    void typeDetectionPrefersFileNamesForFileExtensions() {
        assertThat(IocType.detect("inkdrop.dll")).contains(IocType.FILENAME);
        assertThat(IocType.detect("invoice.pdf")).contains(IocType.FILENAME);
        assertThat(IocType.detect("payload.zip")).contains(IocType.FILENAME);
        assertThat(IocType.detect("reed.example")).contains(IocType.DOMAIN);
        assertThat(IocType.detect("reed.co.uk")).contains(IocType.DOMAIN);
        assertThat(IocType.detect("Quarterly Report.docx")).contains(IocType.FILENAME);
        assertThat(IocType.detect("not an indicator")).isEmpty();
        assertThat(IocType.detect("C:\\Windows\\evil.exe")).isEmpty();
        assertThat(IocType.detect("12345")).isEmpty();
        assertThat(IocType.detect("deadbeef")).isEmpty();
    }

    @Test
    void refanging() {
        assertThat(Refanger.refang("hxxps://evil[.]example/x")).isEqualTo("https://evil.example/x");
        assertThat(Refanger.refang("hXXp[://]evil(.)example")).isEqualTo("http://evil.example");
        assertThat(Refanger.refang("https[:]//a{.}b[dot]example")).isEqualTo("https://a.b.example");
        assertThat(Refanger.refang("user[@]mail[.]example")).isEqualTo("user@mail.example");
        assertThat(Refanger.refang("user[at]mail\\.example")).isEqualTo("user@mail.example");
        assertThat(Refanger.refang("fxp://files[.]example")).isEqualTo("ftp://files.example");
        assertThat(Refanger.refang("203.0.113[.]10")).isEqualTo("203.0.113.10");
        assertThat(Refanger.refang("  already.example  ")).isEqualTo("already.example");
    }

    @Test
    void stixPatternsEscapeQuotesAndBackslashes() {
        assertThat(StixPattern.quote("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
        assertThat(StixPattern.key("hashes", "SHA-256")).isEqualTo("hashes.'SHA-256'");
        assertThat(StixPattern.key("hashes", "MD5")).isEqualTo("hashes.MD5");
        assertThat(IocType.URL.pattern("http://x.example/'")).isEqualTo("[url:value = 'http://x.example/\\'']");
    }

    @Property
    void fastIdCheckAgreesWithStixIds(@ForAll("ids") String id) {
        String type = StixIds.typeOf(id);
        boolean core = !type.isEmpty() && StixIds.isValidType(type) && StixIds.isValidId(id, type);
        assertThat(StixSyntax.isId(id)).as(id).isEqualTo(core);
        assertThat(StixSyntax.isId(id, "intrusion-set")).as(id).isEqualTo(StixIds.isValidId(id, "intrusion-set"));
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> type = Arbitraries.oneOf(
                Arbitraries.of("intrusion-set", "x-mitre-tactic", "ab", "a--b", "Intrusion-set", "1abc", "abc-"),
                Arbitraries.strings().withChars("abz09-").ofMinLength(0).ofMaxLength(8));
        Arbitrary<String> uuid = Arbitraries.oneOf(
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFg-").ofLength(36));
        return net.jqwik.api.Combinators.combine(type, Arbitraries.of("--", "-", "---"), uuid)
                .as((t, sep, u) -> t + sep + u);
    }

    @Property
    void fastTimestampCheckAgreesWithStixTimestamps(@ForAll("timestamps") String ts) {
        assertThat(StixSyntax.isTimestamp(ts)).as(ts).isEqualTo(StixTimestamps.isValid(ts));
    }

    @Property
    void fastTimestampComparisonAgreesWithSortKeys(
            @ForAll("validTimestamps") String a, @ForAll("validTimestamps") String b) {
        int expected = Integer.signum(StixTimestamps.sortKey(a).compareTo(StixTimestamps.sortKey(b)));
        assertThat(Integer.signum(StixSyntax.compare(a, b))).as(a + " vs " + b).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<String> digits2 = Arbitraries.strings().numeric().ofLength(2);
        Arbitrary<String> year = Arbitraries.strings().numeric().ofLength(4);
        Arbitrary<String> fraction = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(11).map(f -> "." + f),
                Arbitraries.just("."));
        Arbitrary<String> sep = Arbitraries.of("-", "-", "-", "/");
        return net.jqwik.api.Combinators.combine(year, sep, digits2, digits2, digits2, digits2, digits2, fraction)
                .as((y, s, mo, d, h, mi, se, f) -> y + s + mo + "-" + d + "T" + h + ":" + mi + ":" + se + f + "Z");
    }

    @Provide
    Arbitrary<String> validTimestamps() {
        return Arbitraries.longs()
                .between(0, 4_102_444_800L)
                .flatMap(sec -> Arbitraries.integers()
                        .between(0, 999_999_999)
                        .flatMap(nano -> Arbitraries.integers().between(0, 9).map(digits -> {
                            String base = StixTimestamps.sortKey(java.time.Instant.ofEpochSecond(sec, nano));
                            String whole = base.substring(0, 19);
                            String frac = base.substring(20, 29).substring(0, digits);
                            return digits == 0 ? whole + "Z" : whole + "." + frac + "Z";
                        })));
    }

    @Test
    void countryNamesAndSectors() {
        assertThat(CountryNames.code("Russia")).contains("RU");
        assertThat(CountryNames.code("Russian Federation")).contains("RU");
        assertThat(CountryNames.code("South Korea")).contains("KR");
        assertThat(CountryNames.code("Korea (Democratic People's Republic of)")).contains("KP");
        assertThat(CountryNames.code("Iran (Islamic Republic of)")).contains("IR");
        assertThat(CountryNames.code("Taiwan")).contains("TW");
        assertThat(CountryNames.code("Vietnam")).contains("VN");
        assertThat(CountryNames.code("Syria")).contains("SY");
        assertThat(CountryNames.code("United States")).contains("US");
        assertThat(CountryNames.code("the Philippines")).contains("PH");
        assertThat(CountryNames.code("Germany")).contains("DE");
        assertThat(CountryNames.code("Bank of America")).isEmpty();
        assertThat(CountryNames.region("Middle East")).contains("western-asia");
        assertThat(IndustrySectors.sector("Defense industrial base")).contains("defense");
        assertThat(IndustrySectors.sector("Private sector")).isEqualTo(Optional.empty());
    }
}
