package dev.harrier.analysis.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Bounded, little-endian random access to a sample's bytes: positioned reads through a small page cache, so a PE
 * is parsed without loading the file. Every read checks its bounds and names the field it reads, so a truncated or
 * lying header becomes a {@link PeFormatException} with offset and field, never an index error or a huge
 * allocation.
 */
abstract class ByteSource {
    private static final int PAGE = 1 << 16;

    /** Size in bytes. */
    abstract long size();

    /** Reads {@code len} bytes at {@code offset} into {@code dst} (bounds already checked). */
    protected abstract void readAt(long offset, byte[] dst, int dstOff, int len) throws IOException;

    private final byte[] page = new byte[PAGE];
    private long pageStart = -1;
    private int pageLen;

    static ByteSource of(byte[] data) {
        return new ByteSource() {
            @Override
            long size() {
                return data.length;
            }

            @Override
            protected void readAt(long offset, byte[] dst, int dstOff, int len) {
                System.arraycopy(data, (int) offset, dst, dstOff, len);
            }
        };
    }

    static ByteSource of(FileChannel channel, long size) {
        return new ByteSource() {
            @Override
            long size() {
                return size;
            }

            @Override
            protected void readAt(long offset, byte[] dst, int dstOff, int len) throws IOException {
                ByteBuffer b = ByteBuffer.wrap(dst, dstOff, len);
                long pos = offset;
                while (b.hasRemaining()) {
                    int n = channel.read(b, pos);
                    if (n < 0) {
                        throw new IOException("file shrank while reading at offset " + pos);
                    }
                    pos += n;
                }
            }
        };
    }

    /** Whether {@code len} bytes at {@code offset} lie inside the file. */
    boolean has(long offset, long len) {
        return offset >= 0 && len >= 0 && offset <= size() && len <= size() - offset;
    }

    private void check(long offset, long len, String field) throws PeFormatException {
        if (offset < 0) {
            throw new PeFormatException(offset, field, "negative offset");
        }
        if (!has(offset, len)) {
            throw new PeFormatException(
                    offset, field, "needs " + len + " bytes but the file ends at offset 0x" + Long.toHexString(size()));
        }
    }

    /** {@code len} bytes at {@code offset}; {@code len} must be small (callers bound it). */
    byte[] bytes(long offset, int len, String field) throws PeFormatException {
        check(offset, len, field);
        byte[] out = new byte[len];
        try {
            if (len <= PAGE && offset >= pageStart && pageStart >= 0 && offset + len <= pageStart + pageLen) {
                System.arraycopy(page, (int) (offset - pageStart), out, 0, len);
            } else if (len <= PAGE / 2) {
                fill(offset);
                System.arraycopy(page, 0, out, 0, len);
            } else {
                readAt(offset, out, 0, len);
            }
        } catch (IOException e) {
            throw new PeFormatException(offset, field, "read failed: " + e.getMessage());
        }
        return out;
    }

    private void fill(long offset) throws IOException {
        pageStart = -1;
        pageLen = (int) Math.min(PAGE, size() - offset);
        readAt(offset, page, 0, pageLen);
        pageStart = offset;
    }

    int u8(long offset, String field) throws PeFormatException {
        return bytes(offset, 1, field)[0] & 0xff;
    }

    int u16(long offset, String field) throws PeFormatException {
        byte[] b = bytes(offset, 2, field);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    long u32(long offset, String field) throws PeFormatException {
        byte[] b = bytes(offset, 4, field);
        return ((b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24);
    }

    long u64(long offset, String field) throws PeFormatException {
        return u32(offset, field) | u32(offset + 4, field) << 32;
    }

    /**
     * A NUL-terminated string at {@code offset} of at most {@code max} bytes (Latin-1 for names, which PE defines as
     * ASCII); the string ends at the file's end if no NUL comes first.
     */
    String cString(long offset, int max, String field) throws PeFormatException {
        check(offset, 1, field);
        int len = (int) Math.min(max, size() - offset);
        byte[] b = bytes(offset, len, field);
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }
}
