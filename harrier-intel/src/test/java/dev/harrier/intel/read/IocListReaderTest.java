package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import dev.harrier.core.Tlp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Plain, defanged and CSV indicator lists. */
class IocListReaderTest {

    private static Map<String, String> patternByName(Reads.Result r) {
        return r.ofType("indicator").stream()
                .collect(Collectors.toMap(
                        o -> o.name().orElseThrow(), o -> o.text("pattern").orElseThrow()));
    }

    private static Reads.Result text(String content, Limits limits) throws Exception {
        return Reads.read(content.getBytes(StandardCharsets.UTF_8), "list.txt", IntelFormat.IOC_LIST, limits);
    }

    @Test
    void everyKindOfValueIsRecognised() throws Exception {
        Reads.Result r = Reads.fixture("iocs-plain.txt", IntelFormat.IOC_LIST);
        Map<String, String> types = r.ofType("indicator").stream()
                .collect(Collectors.toMap(
                        o -> o.name().orElseThrow(),
                        o -> o.text("x_harrier_ioc_type").orElseThrow()));
        assertThat(types)
                .containsEntry("reed.example", "domain")
                .containsEntry("203.0.113.9", "ipv4")
                .containsEntry("203.0.113.0/24", "ipv4-cidr")
                .containsEntry("2001:db8::1", "ipv6")
                .containsEntry("2001:db8::/32", "ipv6-cidr")
                .containsEntry("https://reed.example/path?q=1", "url")
                .containsEntry("lure@mail.reed.example", "email")
                .containsEntry("5d41402abc4b2a76b9719d911017c592", "md5")
                .containsEntry("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "sha1")
                .containsEntry("3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea", "sha256")
                .containsEntry("invoice.pdf.exe", "filename")
                .containsEntry("198.51.100.7", "ipv4");
        assertThat(types.values()).contains("sha512", "ssdeep");
        assertThat(types).hasSize(14);
        Map<String, String> patterns = patternByName(r);
        assertThat(patterns.get("203.0.113.0/24")).isEqualTo("[ipv4-addr:value ISSUBSET '203.0.113.0/24']");
        assertThat(patterns.get("3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"))
                .isEqualTo(
                        "[file:hashes.'SHA-256' = '3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea']");
        assertThat(patterns.get("invoice.pdf.exe")).isEqualTo("[file:name = 'invoice.pdf.exe']");
    }

    @Test
    void indicatorsHaveDerivedIdsAndTheListAsSource() throws Exception {
        Reads.Result r = Reads.fixture("iocs-plain.txt", IntelFormat.IOC_LIST);
        StixObject domain = r.ofType("indicator").get(0);
        assertThat(domain.id()).isEqualTo(StixIds.derived("indicator", "domain:reed.example"));
        assertThat(domain.strings("indicator_types")).containsExactly("malicious-activity");
        assertThat(domain.text("pattern_type")).contains("stix");
        assertThat(domain.text("valid_from")).contains(DerivedObjects.UNKNOWN_TIME);
        assertThat(r.objects()).allSatisfy(o -> {
            assertThat(o.derived()).isTrue();
            assertThat(o.sourceName()).isEqualTo("iocs-plain.txt");
        });
    }

    @Test
    void aLineThatCannotBeTypedIsRejectedWithItsNumberAndDuplicatesAreEmittedOnce() throws Exception {
        Reads.Result r = Reads.fixture("iocs-plain.txt", IntelFormat.IOC_LIST);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("line 16");
            assertThat(e.line()).isEqualTo(16);
            assertThat(e.message()).contains("cannot determine the indicator type of 'this line is not an indicator'");
        });
        // REED.EXAMPLE is reed.example again
        assertThat(r.ofType("indicator"))
                .filteredOn(o -> o.name().orElseThrow().equals("reed.example"))
                .hasSize(1);
    }

    @Test
    void defangedValuesAreRefanged() throws Exception {
        Reads.Result r = Reads.fixture("iocs-defanged.txt", IntelFormat.IOC_LIST);
        assertThat(r.errors()).isEmpty();
        assertThat(r.ofType("indicator"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly(
                        "https://reed.example/api/check",
                        "http://cdn.reed.example/x",
                        "reed.example",
                        "203.0.113.10",
                        "lure@mail.reed.example",
                        "ftp://files.reed.example/drop",
                        "https://stage.reed.example/a");
    }

    @Test
    void csvColumnsGiveTypeDescriptionMarkingTimeAndLabels() throws Exception {
        Reads.Result r = Reads.fixture("iocs.csv", IntelFormat.IOC_LIST);
        Map<String, StixObject> byName = r.ofType("indicator").stream()
                .collect(Collectors.toMap(o -> o.name().orElseThrow(), o -> o));
        assertThat(byName).hasSize(4);
        StixObject domain = byName.get("reed.example");
        assertThat(domain.description()).contains("C2 domain");
        assertThat(domain.markingRefs()).containsExactly(Tlp.AMBER.markingId());
        assertThat(domain.text("valid_from")).contains("2024-02-01T00:00:00.000Z");
        assertThat(domain.strings("labels")).containsExactly("apt", "c2");
        StixObject ip = byName.get("203.0.113.9");
        assertThat(ip.markingRefs()).containsExactly(Tlp.GREEN.markingId());
        assertThat(ip.text("valid_from")).contains("2024-02-01T10:00:00.000Z");
        StixObject url = byName.get("https://reed.example/it's\\here");
        assertThat(url.text("pattern")).contains("[url:value = 'https://reed.example/it\\'s\\\\here']");
        assertThat(url.description()).contains("quoted, with comma");
        assertThat(url.markingRefs()).containsExactly(Tlp.CLEAR.markingId());
        StixObject md5 = byName.get("5d41402abc4b2a76b9719d911017c592");
        assertThat(md5.text("x_harrier_ioc_type")).contains("md5");
        assertThat(md5.text("valid_from")).contains("2024-02-01T00:00:00.000Z");
        assertThat(md5.json().has("object_marking_refs")).isFalse();
        assertThat(r.ofType("marking-definition"))
                .extracting(StixObject::id)
                .containsExactly(Tlp.AMBER.markingId(), Tlp.GREEN.markingId(), Tlp.CLEAR.markingId());
    }

    @Test
    void csvErrorsNameTheLine() throws Exception {
        Reads.Result r = Reads.fixture("iocs.csv", IntelFormat.IOC_LIST);
        assertThat(r.errors())
                .extracting(e -> e.location() + ": " + e.message())
                .containsExactly(
                        "line 6: 'not-an-ip' is not a valid ip",
                        "line 8: unknown TLP marking 'tlp:purple'",
                        "line 9: no value");
    }

    @Test
    void csvWithoutAHeaderIsReadByCellShape() throws Exception {
        Reads.Result r = Reads.fixture("iocs-noheader.csv", IntelFormat.IOC_LIST);
        assertThat(r.errors()).isEmpty();
        assertThat(r.ofType("indicator"))
                .extracting(o -> o.text("x_harrier_ioc_type").orElseThrow())
                .containsExactly("domain", "ipv4", "md5");
        assertThat(r.ofType("indicator").get(0).description()).contains("c2");
        assertThat(r.ofType("indicator").get(1).markingRefs()).containsExactly(Tlp.RED.markingId());
        assertThat(r.ofType("indicator").get(1).description()).contains("server");
    }

    @Test
    void binaryAndNonUtf8ContentIsASyntaxError() {
        assertThatThrownBy(() -> Reads.fixture("binary.bin", IntelFormat.IOC_LIST))
                .isInstanceOf(IntelSyntaxException.class)
                .hasMessageContaining("not text");
        assertThatThrownBy(() -> Reads.fixture("latin1.txt", IntelFormat.IOC_LIST))
                .isInstanceOfSatisfying(
                        IntelSyntaxException.class, e -> assertThat(e.line()).isEqualTo(1));
        assertThatThrownBy(() -> text("ok.example\nbad\u0000line\n", Limits.defaults()))
                .isInstanceOfSatisfying(
                        IntelSyntaxException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void aLineLongerThanMaxLineLengthIsRejectedAndTheRestRead() throws Exception {
        String content = "a.example\n" + "x".repeat(70_000) + ".example\nb.example\n";
        Reads.Result r = text(content, Limits.defaults());
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("line 2");
            assertThat(e.message()).contains("maxLineLength (65,536 characters)");
        });
        assertThat(r.ofType("indicator"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("a.example", "b.example");
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsAreHandled() throws Exception {
        Reads.Result r = text("\uFEFFvalue,type\r\nreed.example,domain\r\n\r\n203.0.113.1,ip\r\n", Limits.defaults());
        assertThat(r.errors()).isEmpty();
        assertThat(r.ofType("indicator"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("reed.example", "203.0.113.1");
    }

    @Test
    void linesBeyondMaxObjectsPerFileAreRejected() throws Exception {
        Reads.Result r =
                text("a.example\nb.example\nc.example\n", Limits.defaults().withMaxObjectsPerFile(2));
        assertThat(r.ofType("indicator")).hasSize(2);
        assertThat(r.errors()).extracting(IntelError::location).containsExactly("line 3");
    }

    @Test
    void tabSeparatedWithAnotherHeaderSpelling() throws Exception {
        Reads.Result r =
                text("IOC\tIOC Type\tNotes\n203.0.113.1\tip-dst\tseen\nfoo.example\thostname\t\n", Limits.defaults());
        assertThat(r.errors()).isEmpty();
        List<String> types = r.ofType("indicator").stream()
                .map(o -> o.text("x_harrier_ioc_type").orElseThrow())
                .collect(Collectors.toList());
        assertThat(types).containsExactly("ipv4", "domain");
        assertThat(r.ofType("indicator").get(0).description()).contains("seen");
    }

    @Test
    void readingTwiceGivesTheSameObjects() throws Exception {
        assertThat(Reads.fixture("iocs.csv", IntelFormat.IOC_LIST).fingerprint())
                .isEqualTo(Reads.fixture("iocs.csv", IntelFormat.IOC_LIST).fingerprint());
    }
}
