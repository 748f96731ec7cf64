package dev.harrier.analysis.sample;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * ssdeep fuzzy hashes (context-triggered piecewise hashing): computing them and comparing two of them on ssdeep's
 * 0&ndash;100 scale.
 *
 * <p>Implemented from the published description and matching the output of the {@code ssdeep} tool (2.14,
 * default flags): a digest is {@code blocksize:sig1:sig2}. Two digests are comparable when their block sizes are
 * equal or differ by a factor of two. The score of two signatures is 0 unless they share a 7-character substring;
 * otherwise their weighted edit distance (insert and delete 1, replace 2) is scaled by their lengths to 0&ndash;100
 * and inverted, and capped for small block sizes so that short inputs do not look more similar than they are.
 * Runs of more than three equal characters are shortened to three before comparing. Identical digests score 100;
 * unrelated inputs score 0.
 */
public final class FuzzyHash {
    private static final Pattern DIGEST = Pattern.compile("^[0-9]{1,10}:[A-Za-z0-9+/]{0,64}:[A-Za-z0-9+/]{0,64}$");

    private FuzzyHash() {}

    /** The fuzzy hash of {@code data}. */
    public static String of(byte[] data) {
        CtphState s = new CtphState();
        s.update(data, 0, data.length);
        return s.digest();
    }

    /** The fuzzy hash of everything {@code in} yields (read in 64 KiB chunks; the stream is not closed). */
    public static String of(InputStream in) throws IOException {
        CtphState s = new CtphState();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) >= 0) {
            s.update(buf, 0, n);
        }
        return s.digest();
    }

    /** Whether {@code digest} has the form {@code blocksize:sig1:sig2}. */
    public static boolean isValid(String digest) {
        return DIGEST.matcher(digest).matches();
    }

    /**
     * The similarity of two fuzzy hashes, 0 (no similarity) to 100 (identical or near-identical).
     *
     * @throws IllegalArgumentException when either is not a fuzzy hash
     */
    public static int compare(String a, String b) {
        if (!isValid(a) || !isValid(b)) {
            throw new IllegalArgumentException("not an ssdeep hash: " + (isValid(a) ? b : a));
        }
        String[] pa = a.split(":", -1);
        String[] pb = b.split(":", -1);
        long bsA = Long.parseLong(pa[0]);
        long bsB = Long.parseLong(pb[0]);
        if (bsA != bsB && bsA != bsB * 2 && bsB != bsA * 2) {
            return 0;
        }
        String a1 = eliminateSequences(pa[1]);
        String a2 = eliminateSequences(pa[2]);
        String b1 = eliminateSequences(pb[1]);
        String b2 = eliminateSequences(pb[2]);
        if (bsA == bsB && a1.equals(b1) && a2.equals(b2)) {
            return 100;
        }
        if (bsA == bsB) {
            return Math.max(scoreStrings(a1, b1, bsA), scoreStrings(a2, b2, bsA * 2));
        } else if (bsA == bsB * 2) {
            return scoreStrings(a1, b2, bsA);
        } else {
            return scoreStrings(a2, b1, bsB);
        }
    }

    /** Shortens every run of more than three equal characters to three. */
    static String eliminateSequences(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i >= 3 && c == s.charAt(i - 1) && c == s.charAt(i - 2) && c == s.charAt(i - 3)) {
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int scoreStrings(String s1, String s2, long blockSize) {
        int len1 = s1.length();
        int len2 = s2.length();
        if (len1 > CtphState.SPAMSUM_LENGTH || len2 > CtphState.SPAMSUM_LENGTH) {
            return 0;
        }
        if (!hasCommonSubstring(s1, s2)) {
            return 0;
        }
        long score = editDistance(s1, s2);
        score = (score * CtphState.SPAMSUM_LENGTH) / (len1 + len2);
        score = (100 * score) / CtphState.SPAMSUM_LENGTH;
        if (score >= 100) {
            return 0;
        }
        score = 100 - score;
        long smallBlockLimit = (99 + CtphState.ROLLING_WINDOW) / CtphState.ROLLING_WINDOW * CtphState.MIN_BLOCKSIZE;
        if (blockSize >= smallBlockLimit) {
            return (int) score;
        }
        long cap = blockSize / CtphState.MIN_BLOCKSIZE * Math.min(len1, len2);
        return (int) Math.min(score, cap);
    }

    private static boolean hasCommonSubstring(String s1, String s2) {
        int w = CtphState.ROLLING_WINDOW;
        if (s1.length() < w || s2.length() < w) {
            return false;
        }
        for (int i = 0; i + w <= s1.length(); i++) {
            if (s2.contains(s1.substring(i, i + w))) {
                return true;
            }
        }
        return false;
    }

    /** Edit distance with insertion and deletion costing 1 and replacement 2. */
    static int editDistance(String s1, String s2) {
        int[] prev = new int[s2.length() + 1];
        int[] cur = new int[s2.length() + 1];
        for (int j = 0; j <= s2.length(); j++) {
            prev[j] = j;
        }
        for (int i = 0; i < s1.length(); i++) {
            cur[0] = i + 1;
            for (int j = 0; j < s2.length(); j++) {
                int insert = prev[j + 1] + 1;
                int delete = cur[j] + 1;
                int replace = prev[j] + (s1.charAt(i) == s2.charAt(j) ? 0 : 2);
                cur[j + 1] = Math.min(Math.min(insert, delete), replace);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[s2.length()];
    }
}
