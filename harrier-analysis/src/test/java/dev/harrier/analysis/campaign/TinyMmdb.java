package dev.harrier.analysis.campaign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a minimal IPv4 MaxMind DB (format 2.0, 24-bit records) mapping one /N network to {@code {country_code}}, as
 * the DB-IP Lite country database does: enough to test the GeoIP path without shipping a database.
 */
final class TinyMmdb {
    private TinyMmdb() {}

    static Path write(Path file, byte[] network, int prefix, String country) throws IOException {
        int nodes = prefix;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(0xE1); // map, 1 entry
        string(data, "country_code");
        string(data, country);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nodes; i++) {
            int bit = (network[i / 8] >> (7 - i % 8)) & 1;
            int onPath = i + 1 < nodes ? i + 1 : nodes + 16; // the next node, or the data at offset 0
            int left = bit == 0 ? onPath : nodes;
            int right = bit == 1 ? onPath : nodes;
            record(out, left);
            record(out, right);
        }
        out.write(new byte[16]); // data section separator
        out.write(data.toByteArray());
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        out.write(0xE9); // metadata map, 9 entries
        string(out, "node_count");
        out.write(0xC1); // uint32, 1 byte
        out.write(nodes);
        string(out, "record_size");
        out.write(0xA1); // uint16, 1 byte
        out.write(24);
        string(out, "ip_version");
        out.write(0xA1);
        out.write(4);
        string(out, "database_type");
        string(out, "DBIP-Country-Lite");
        string(out, "languages");
        out.write(0x00); // extended type: array, 0 entries
        out.write(0x04);
        string(out, "binary_format_major_version");
        out.write(0xA1);
        out.write(2);
        string(out, "binary_format_minor_version");
        out.write(0xA0); // uint16 0
        string(out, "build_epoch");
        out.write(0x04); // extended type: uint64, 4 bytes
        out.write(0x02);
        out.write(new byte[] {0x65, 0x00, 0x00, 0x00});
        string(out, "description");
        out.write(0xE0); // empty map
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void record(ByteArrayOutputStream out, int v) {
        out.write((v >> 16) & 0xff);
        out.write((v >> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length >= 29) {
            throw new IllegalArgumentException("short strings only");
        }
        out.write(0x40 | b.length);
        out.write(b, 0, b.length);
    }
}
