package dev.harrier.intel.read;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens raw input for the readers: gzip is recognised by its magic bytes and decompressed transparently, the
 * decompressed size is capped, and failures of the underlying stream are told apart from problems of the content
 * (a corrupt gzip member, bytes that are not text), which are syntax errors of the file.
 */
final class InputOpener {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private InputOpener() {}

    /** The content of {@code raw}, decompressed if gzip; does not close {@code raw} when the result is closed. */
    static Opened open(InputStream raw, long maxDecompressedBytes) throws IOException {
        SourceStream source = new SourceStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(source, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        InputStream content = buffered;
        boolean gzip = b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
        if (gzip) {
            content = new CappedStream(new GZIPInputStream(buffered, 1 << 16), maxDecompressedBytes);
        }
        return new Opened(content, source, gzip);
    }

    /** Opened input. */
    static final class Opened {
        private final InputStream content;
        private final SourceStream source;
        private final boolean gzip;

        Opened(InputStream content, SourceStream source, boolean gzip) {
            this.content = content;
            this.source = source;
            this.gzip = gzip;
        }

        InputStream content() {
            return content;
        }

        boolean gzip() {
            return gzip;
        }

        /** Whether an I/O error came from the underlying stream (as opposed to the content). */
        boolean sourceFailed() {
            return source.failed;
        }
    }

    /** Remembers whether the underlying stream failed; never closes it. */
    static final class SourceStream extends FilterInputStream {
        private boolean failed;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }

    /** Fails (as a content problem) once more than {@code max} bytes were read: a guard against gzip bombs. */
    static final class CappedStream extends FilterInputStream {
        private final long max;
        private long count;

        CappedStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) {
                count(skipped);
            }
            return skipped;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > max) {
                throw new IOException(String.format(
                        Locale.ROOT, "decompressed content is larger than maxDownloadBytes (%,d bytes)", max));
            }
        }
    }
}
