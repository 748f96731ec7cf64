package dev.harrier.analysis.sample;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a sample file's metadata, defensively: the file is parsed, never executed or mapped.
 *
 * <p>One streaming pass computes MD5, SHA-1, SHA-256 and the ssdeep {@linkplain FuzzyHash fuzzy hash}; for a PE
 * file ({@code MZ} at the start) positioned, bounded reads then give the {@linkplain PeFacts PE facts}: machine,
 * compile timestamp, PDB path, imphash, Rich-header hash, sections with entropy, exports, resource count and the
 * Authenticode signer. Files larger than {@link Limits#MAX_SAMPLE_BYTES} are refused. A malformed or truncated PE
 * never throws: what cannot be read is listed in {@link SampleReport#problems()}, each entry naming the file, the
 * offset and the field, and the facts that could be read are kept.
 *
 * <pre>{@code
 * SampleReport r = new SampleInspector().inspect(Path.of("dropper.exe"));
 * r.pe().imphash();          // "f34d5f2d4577ed6d9ceec516c1f5a744"
 * r.problems();              // [] when clean
 * }</pre>
 */
public final class SampleInspector {
    private final long maxBytes;
    private final int maxEntries;

    /** An inspector with the limits of {@link Limits}. */
    public SampleInspector() {
        this(Limits.MAX_SAMPLE_BYTES, Limits.MAX_PE_TABLE_ENTRIES);
    }

    SampleInspector(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /**
     * Inspects one file.
     *
     * @throws SampleException when the file is missing, unreadable or larger than the limit (the message names it)
     */
    public SampleReport inspect(Path file) throws SampleException {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new SampleException(file + (Files.exists(file) ? ": not a regular file" : ": no such file"));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > maxBytes) {
                throw new SampleException(String.format(
                        java.util.Locale.ROOT,
                        "%s: %,d bytes is larger than the sample limit of %,d bytes",
                        file,
                        size,
                        maxBytes));
            }
            Digests d = new Digests();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long pos = 0;
            while (pos < size) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n < 0) {
                    break;
                }
                d.update(buf.array(), n);
                pos += n;
            }
            return report(name, pos, d, ByteSource.of(ch, pos));
        } catch (NoSuchFileException e) {
            throw new SampleException(file + ": no such file", e);
        } catch (IOException e) {
            throw new SampleException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Inspects bytes held in memory, reported under {@code name}. */
    public SampleReport inspect(String name, byte[] data) {
        Digests d = new Digests();
        d.update(data, data.length);
        return report(name, data.length, d, ByteSource.of(data));
    }

    private SampleReport report(String name, long size, Digests d, ByteSource src) {
        List<String> problems = new ArrayList<>();
        PeFacts pe = null;
        if (PeParser.looksLikePe(src)) {
            try {
                pe = PeParser.parse(src, problems, maxEntries);
            } catch (RuntimeException e) {
                // a parser bug must not lose the hashes; report it like a format problem
                problems.add("PE parser failed: " + e);
            }
        }
        List<String> named = new ArrayList<>(problems.size());
        for (String p : problems) {
            named.add(name + ": " + p);
        }
        return new SampleReport(name, size, d.hashes(), pe, null, named);
    }

    /** The streaming digests. */
    private static final class Digests {
        private final MessageDigest md5;
        private final MessageDigest sha1;
        private final MessageDigest sha256;
        private final CtphState ctph = new CtphState();

        Digests() {
            try {
                md5 = MessageDigest.getInstance("MD5");
                sha1 = MessageDigest.getInstance("SHA-1");
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5, SHA-1 and SHA-256 are required by the Java platform", e);
            }
        }

        void update(byte[] b, int n) {
            md5.update(b, 0, n);
            sha1.update(b, 0, n);
            sha256.update(b, 0, n);
            ctph.update(b, 0, n);
        }

        SampleHashes hashes() {
            HexFormat hex = HexFormat.of();
            return new SampleHashes(
                    hex.formatHex(md5.digest()),
                    hex.formatHex(sha1.digest()),
                    hex.formatHex(sha256.digest()),
                    ctph.digest());
        }
    }
}
