package dev.harrier.analysis.sample;

/**
 * The streaming state of a context-triggered piecewise hash, as ssdeep computes it (Kornblum, "Identifying almost
 * identical files using context triggered piecewise hashing", DFRWS 2006; the one-pass form of ssdeep 2.10 and
 * later).
 *
 * <p>A rolling hash over the last 7 bytes decides the trigger points: for block size {@code b = 3 * 2^i} a piece
 * ends where {@code rolling % b == b - 1}. At each trigger the FNV-style hash of the piece (its low 6 bits) becomes
 * one base64 character of that block size's signature. All block sizes are hashed in the same pass; block sizes
 * that can no longer be chosen are dropped as the input grows, so each byte costs a few updates only. The digest is
 * {@code blocksize:sig1:sig2}, where {@code sig2} is the signature at twice the block size, truncated to 32
 * characters.
 */
final class CtphState {
    static final int SPAMSUM_LENGTH = 64;
    static final int MIN_BLOCKSIZE = 3;
    static final int ROLLING_WINDOW = 7;
    private static final int NUM_BLOCKHASHES = 31;
    private static final int HASH_PRIME = 0x01000193;
    private static final int HASH_INIT = 0x27;
    static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    // rolling hash
    private final int[] window = new int[ROLLING_WINDOW];
    private int h1;
    private int h2;
    private int h3;
    private int n;

    // one piecewise hash per block size 3 << i
    private final char[][] digest = new char[NUM_BLOCKHASHES][SPAMSUM_LENGTH];
    private final int[] dindex = new int[NUM_BLOCKHASHES];
    private final char[] halfDigest = new char[NUM_BLOCKHASHES];
    private final int[] h = new int[NUM_BLOCKHASHES];
    private final int[] halfH = new int[NUM_BLOCKHASHES];
    private int bhStart;
    private int bhEnd = 1;
    private long totalSize;
    private boolean needLastHash;
    private int lastH;

    CtphState() {
        h[0] = HASH_INIT;
        halfH[0] = HASH_INIT;
    }

    private static long blockSize(int index) {
        return ((long) MIN_BLOCKSIZE) << index;
    }

    private static int sumHash(int c, int hash) {
        return ((hash * HASH_PRIME) ^ c) & 0x3f;
    }

    void update(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            totalSize++;
            step(buf[i] & 0xff);
        }
    }

    private void step(int c) {
        h2 -= h1;
        h2 += ROLLING_WINDOW * c;
        h1 += c;
        h1 -= window[n % ROLLING_WINDOW];
        window[n % ROLLING_WINDOW] = c;
        n = (n + 1) % ROLLING_WINDOW;
        h3 <<= 5;
        h3 ^= c;
        long roll = Integer.toUnsignedLong(h1 + h2 + h3);

        for (int i = bhStart; i < bhEnd; i++) {
            h[i] = sumHash(c, h[i]);
            halfH[i] = sumHash(c, halfH[i]);
        }
        if (needLastHash) {
            lastH = sumHash(c, lastH);
        }
        for (int i = bhStart; i < bhEnd; i++) {
            long bs = blockSize(i);
            if (roll % bs != bs - 1) {
                // a trigger of a larger block size is always a trigger of the smaller ones
                break;
            }
            if (dindex[i] == 0) {
                tryForkBlockHash();
            }
            digest[i][dindex[i]] = B64.charAt(h[i]);
            halfDigest[i] = B64.charAt(halfH[i]);
            if (dindex[i] < SPAMSUM_LENGTH - 1) {
                dindex[i]++;
                h[i] = HASH_INIT;
                if (dindex[i] < SPAMSUM_LENGTH / 2) {
                    halfH[i] = HASH_INIT;
                    halfDigest[i] = 0;
                }
            } else {
                tryReduceBlockHash();
            }
        }
    }

    private void tryForkBlockHash() {
        int last = bhEnd - 1;
        if (bhEnd < NUM_BLOCKHASHES) {
            h[bhEnd] = h[last];
            halfH[bhEnd] = halfH[last];
            dindex[bhEnd] = 0;
            halfDigest[bhEnd] = 0;
            bhEnd++;
        } else if (!needLastHash) {
            needLastHash = true;
            lastH = h[last];
        }
    }

    private void tryReduceBlockHash() {
        if (bhEnd - bhStart < 2) {
            return;
        }
        if (blockSize(bhStart) * SPAMSUM_LENGTH >= totalSize) {
            return;
        }
        if (dindex[bhStart + 1] < SPAMSUM_LENGTH / 2) {
            return;
        }
        bhStart++;
    }

    /** The digest {@code blocksize:sig1:sig2} of everything updated so far. */
    String digest() {
        int bi = bhStart;
        long roll = Integer.toUnsignedLong(h1 + h2 + h3);
        while (blockSize(bi) * SPAMSUM_LENGTH < totalSize) {
            bi++;
            if (bi >= NUM_BLOCKHASHES) {
                throw new IllegalStateException("input too large for a fuzzy hash");
            }
        }
        while (bi >= bhEnd) {
            bi--;
        }
        while (bi > bhStart && dindex[bi] < SPAMSUM_LENGTH / 2) {
            bi--;
        }
        StringBuilder sb = new StringBuilder(150);
        sb.append(blockSize(bi)).append(':');
        sb.append(digest[bi], 0, dindex[bi]);
        if (roll != 0) {
            sb.append(B64.charAt(h[bi]));
        } else if (dindex[bi] == SPAMSUM_LENGTH - 1 && digest[bi][dindex[bi]] != 0) {
            sb.append(digest[bi][dindex[bi]]);
        }
        sb.append(':');
        if (bi < bhEnd - 1) {
            int next = bi + 1;
            int len = Math.min(dindex[next], SPAMSUM_LENGTH / 2 - 1);
            sb.append(digest[next], 0, len);
            if (roll != 0) {
                sb.append(B64.charAt(halfH[next]));
            } else if (halfDigest[next] != 0) {
                sb.append(halfDigest[next]);
            }
        } else if (roll != 0) {
            sb.append(B64.charAt(bi == 0 ? h[bi] : lastH));
        }
        return sb.toString();
    }
}
