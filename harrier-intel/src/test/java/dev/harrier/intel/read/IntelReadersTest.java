package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection, gzip, and the stream overload. */
class IntelReadersTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void detectsEveryFixtureFromItsContent() throws Exception {
        assertThat(IntelReaders.detect(Reads.fixture("stix21-small.json"))).isEqualTo(IntelFormat.STIX_BUNDLE);
        assertThat(IntelReaders.detect(Reads.fixture("stix20-small.json"))).isEqualTo(IntelFormat.STIX_BUNDLE);
        assertThat(IntelReaders.detect(Reads.fixture("misp-event.json"))).isEqualTo(IntelFormat.MISP_EVENT);
        assertThat(IntelReaders.detect(Reads.fixture("misp-response.json"))).isEqualTo(IntelFormat.MISP_EVENT);
        assertThat(IntelReaders.detect(Reads.fixture("misp-bare-event.json"))).isEqualTo(IntelFormat.MISP_EVENT);
        assertThat(IntelReaders.detect(Reads.fixture("misp-event-list.json"))).isEqualTo(IntelFormat.MISP_EVENT);
        assertThat(IntelReaders.detect(Reads.fixture("galaxy-threat-actor.json")))
                .isEqualTo(IntelFormat.MISP_GALAXY_CLUSTER);
        assertThat(IntelReaders.detect(Reads.fixture("galaxy-values-first.json")))
                .isEqualTo(IntelFormat.MISP_GALAXY_CLUSTER);
        assertThat(IntelReaders.detect(Reads.fixture("iocs-plain.txt"))).isEqualTo(IntelFormat.IOC_LIST);
        assertThat(IntelReaders.detect(Reads.fixture("iocs.csv"))).isEqualTo(IntelFormat.IOC_LIST);
        assertThat(IntelReaders.detect(Reads.fixture("binary.bin"))).isEqualTo(IntelFormat.IOC_LIST);
    }

    @Test
    void theExtensionIsNotTrusted() throws Exception {
        assertThat(IntelReaders.detect(write("bundle.txt", Files.readString(Reads.fixture("stix21-small.json")))))
                .isEqualTo(IntelFormat.STIX_BUNDLE);
        assertThat(IntelReaders.detect(write("list.json", "reed.example\n"))).isEqualTo(IntelFormat.IOC_LIST);
        assertThat(IntelReaders.detect(write("defanged.json", "[.]example\n"))).isEqualTo(IntelFormat.IOC_LIST);
    }

    @Test
    void propertyOrderDoesNotMatter() throws Exception {
        assertThat(IntelReaders.detect(write("a.json", "{\"objects\": [], \"id\": \"x\", \"type\": \"bundle\"}")))
                .isEqualTo(IntelFormat.STIX_BUNDLE);
        assertThat(IntelReaders.detect(write("b.json", "{\"date\": \"2024-01-01\", \"info\": \"x\"}")))
                .isEqualTo(IntelFormat.MISP_EVENT);
        assertThat(IntelReaders.detect(write("c.json", "\uFEFF  {\"values\": [], \"type\": \"x\", \"uuid\": \"y\"}")))
                .isEqualTo(IntelFormat.MISP_GALAXY_CLUSTER);
        // truncated JSON is still recognised from what was seen; the reader reports the syntax error
        assertThat(IntelReaders.detect(write("d.json", "{\"type\": \"bundle\", \"objects\": [{\"ty")))
                .isEqualTo(IntelFormat.STIX_BUNDLE);
    }

    @Test
    void utf16InputIsReadToo() throws Exception {
        String bundle = Files.readString(Reads.fixture("stix21-small.json"));
        Path le = dir.resolve("utf16.json");
        Files.write(le, ("\uFEFF" + bundle).getBytes(StandardCharsets.UTF_16LE));
        assertThat(IntelReaders.detect(le)).isEqualTo(IntelFormat.STIX_BUNDLE);
        assertThat(Reads.read(le, IntelFormat.STIX_BUNDLE).stix()).hasSize(9);
        Path list = dir.resolve("utf16.txt");
        Files.write(list, "reed.example\r\n203.0.113.1\r\n".getBytes(StandardCharsets.UTF_16));
        assertThat(IntelReaders.detect(list)).isEqualTo(IntelFormat.IOC_LIST);
        assertThat(Reads.read(list, IntelFormat.IOC_LIST).ofType("indicator"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("reed.example", "203.0.113.1");
    }

    @Test
    void gzipIsDetectedAndReadTransparently() throws Exception {
        byte[] plain = Reads.bytes("stix20-small.json");
        Path gz = dir.resolve("bundle.json.gz");
        Files.write(gz, gzip(plain));
        assertThat(IntelReaders.detect(gz)).isEqualTo(IntelFormat.STIX_BUNDLE);
        Reads.Result fromGzip = Reads.read(Files.newInputStream(gz), "b", IntelFormat.STIX_BUNDLE, Limits.defaults());
        Reads.Result fromPlain = Reads.read(plain, "b", IntelFormat.STIX_BUNDLE, Limits.defaults());
        assertThat(fromGzip.fingerprint()).isEqualTo(fromPlain.fingerprint());
        Path gzList = dir.resolve("iocs");
        Files.write(gzList, gzip(Reads.bytes("iocs-plain.txt")));
        assertThat(IntelReaders.detect(gzList)).isEqualTo(IntelFormat.IOC_LIST);
        assertThat(Reads.read(gzList, IntelFormat.IOC_LIST).ofType("indicator")).hasSize(14);
    }

    @Test
    void corruptGzipIsASyntaxError() throws Exception {
        byte[] gz = gzip(Reads.bytes("stix21-small.json"));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> Reads.read(cut, "cut.gz", IntelFormat.STIX_BUNDLE, Limits.defaults()))
                .isInstanceOf(IntelSyntaxException.class);
        byte[] flipped = gz.clone();
        flipped[flipped.length / 2] ^= 0x55;
        assertThatThrownBy(() -> Reads.read(flipped, "flipped.gz", IntelFormat.STIX_BUNDLE, Limits.defaults()))
                .isInstanceOf(IntelSyntaxException.class);
    }

    @Test
    void aFailingStreamIsAnIoErrorNotASyntaxError() {
        InputStream failing =
                new FilterInputStream(
                        new ByteArrayInputStream("{\"type\":\"bundle\",".getBytes(StandardCharsets.UTF_8))) {
                    private int calls;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (++calls > 1) {
                            throw new IOException("disk on fire");
                        }
                        return super.read(b, off, Math.min(len, 5));
                    }
                };
        assertThatThrownBy(() -> Reads.read(failing, "f", IntelFormat.STIX_BUNDLE, Limits.defaults()))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(IntelSyntaxException.class)
                .hasMessage("disk on fire");
    }

    @Test
    void theCallersStreamIsNotClosed() throws Exception {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(Reads.bytes("stix21-small.json"))) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        Reads.read(in, "s", IntelFormat.STIX_BUNDLE, Limits.defaults());
        assertThat(closed[0]).isFalse();
    }

    @Test
    void readingAFileInTheWrongFormatIsASyntaxError() {
        assertThatThrownBy(() -> Reads.fixture("misp-event.json", IntelFormat.STIX_BUNDLE))
                .isInstanceOf(IntelSyntaxException.class);
        assertThatThrownBy(() -> Reads.fixture("stix21-small.json", IntelFormat.MISP_GALAXY_CLUSTER))
                .isInstanceOf(IntelSyntaxException.class);
        assertThatThrownBy(() -> Reads.fixture("iocs.csv", IntelFormat.MISP_EVENT))
                .isInstanceOf(IntelSyntaxException.class);
    }

    @Test
    void errorsPrintAsSourceLineColumnLocationMessage() {
        IntelError e =
                new IntelError("feed.json", "$.objects[17].aliases[2]", 120, 9, "'aliases' must be a list of strings");
        assertThat(e).hasToString("feed.json:120:9: $.objects[17].aliases[2]: 'aliases' must be a list of strings");
        IntelSyntaxException x = new IntelSyntaxException("feed.json", 3, 4, "malformed JSON: oops");
        assertThat(x).hasMessage("feed.json:3:4: malformed JSON: oops");
        assertThat(x.detail()).isEqualTo("malformed JSON: oops");
    }
}
