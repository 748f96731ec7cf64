package dev.harrier.detect.sigma;

import java.util.Arrays;
import java.util.List;

/**
 * Case-insensitive multi-needle scanner: the literal prefilter of the Sigma engine. Given a fixed set of needles
 * (literal strings taken from rules, e.g. {@code \cmd.exe}, {@code  -encodedcommand }, {@code mimikatz}) it finds, in
 * one left-to-right pass over a text, every needle that occurs anywhere in it.
 *
 * <p><b>Matching rule.</b> Needles are expected in lower case (as produced by {@code toLowerCase(Locale.ROOT)}). A text
 * char {@code c} matches a needle char {@code n} iff {@code Character.toLowerCase(c) == n}; the text is folded char by
 * char on the fly and never copied. Consequences of this per-{@code char} rule:
 *
 * <ul>
 *   <li>{@code "Ä"} matches needle {@code "ä"}; Kelvin sign {@code U+212A} matches {@code "k"}; {@code "Σ"} matches
 *       {@code "σ"} (never the final form {@code "ς"}, which only matches itself).
 *   <li>{@code "İ"} ({@code U+0130}) folds to a plain {@code "i"}, so it matches needle {@code "i"} but not the
 *       two-char needle {@code "i\u0307"} that {@code "İ".toLowerCase(Locale.ROOT)} produces.
 *   <li>Surrogates fold to themselves, so letters outside the BMP match case-sensitively.
 *   <li>A needle char that is not a fixed point of {@code Character.toLowerCase} (e.g. an upper-case letter) can never
 *       match; such a needle is simply never found.
 * </ul>
 *
 * <p><b>Algorithm (Aho–Corasick).</b> {@link #build} interns every char occurring in a needle as a small symbol
 * {@code 1..alphabetSize-1}; every other char is symbol {@code 0} ("other"). Text chars are mapped through a 128-entry
 * table (with the case fold already applied) or, for non-ASCII chars, through {@code Character.toLowerCase} and a small
 * open-addressing hash table. The needles are inserted into a trie whose states are renumbered in breadth-first order
 * (shallow, hot states are contiguous, and the children of each state get consecutive ids sorted by symbol). Failure
 * links are computed breadth-first: the failure of a state is the state of its longest proper suffix that is also a
 * trie path. Each state's output list (the ids of the needles ending there, followed by its failure state's list, i.e.
 * everything reachable by dictionary suffix links) is stored flat in {@code outStart}/{@code outIds}.
 *
 * <p>When {@code states × alphabetSize} stays within a limit (default {@value #DEFAULT_MAX_DENSE_ENTRIES} entries,
 * 256 MiB of {@code int}s) the goto and failure functions are folded into a dense DFA table, so the scan loop does one
 * table lookup per char. Entries hold the target state premultiplied by the alphabet size (a row offset) and are
 * bit-inverted (negative) when the target state has outputs, so the common no-output step is a lookup and a sign test.
 * Beyond the limit the scanner keeps the sparse trie (sorted child ranges), the failure links and a dense root row; it
 * gives the same results with a slower step (failure links are followed at scan time).
 *
 * <p><b>Complexity.</b> Let {@code m} be the total needle length, {@code S ≤ m + 1} the number of states,
 * {@code σ} the alphabet size and {@code o} the total length of the output lists. Build takes O(m + 2^16 + S·σ + o)
 * time and memory in dense mode (the table is {@code 4·S·σ} bytes) and O(m + 2^16 + o) in sparse mode; the 2^16 term
 * is one pass over the char range. A dense scan is exactly one table lookup per char plus O(1) per reported
 * (position, id) pair; a sparse step is amortised O(log σ). Scans allocate nothing. {@code o} is usually close to the
 * number of needles; it grows quadratically only for pathological sets in which many needles are suffixes of each
 * other ({@code a, aa, aaa, …}).
 *
 * <p>Instances are immutable and may be shared between threads; a {@link Marks} is per thread.
 */
final class NeedleScanner {
    /** Default limit on {@code states × alphabetSize} for the dense DFA table (64 Mi entries). */
    static final long DEFAULT_MAX_DENSE_ENTRIES = 1L << 26;

    /** Upper bound on the total length of all needles, so that every size below fits in an {@code int}. */
    private static final long MAX_TOTAL_CHARS = 1L << 28;

    private static final int[] NO_INTS = new int[0];

    /** Children ranges at most this long are searched linearly in sparse mode; longer ones by binary search. */
    private static final int LINEAR_SEARCH_MAX = 8;

    private final int size;
    /** The largest reported id plus one (ids are {@code 0 .. size - 1} unless {@link #renumbered}). */
    private final int idLimit;
    /** Added to state numbers in {@link Marks#stateSeen}, so that several scanners can share one {@link Marks}. */
    private final int stateBase;

    private final int stateCount;
    private final int alphabetSize;
    private final boolean dense;

    /** Symbol of {@code Character.toLowerCase(c)} for every ASCII {@code c}. */
    private final int[] asciiSymbols;
    /** Open-addressing table of the non-ASCII needle chars: key 0 means empty (0 is ASCII, never a key). */
    private final char[] hashKeys;

    private final int[] hashSymbols;
    private final int hashShift;

    /** Output list of state {@code s}: {@code outIds[outStart[s] .. outStart[s + 1])}. */
    private final int[] outStart;

    private final int[] outIds;

    /** Dense mode: {@code table[s * alphabetSize + symbol]} is the encoded next state (see class comment). */
    private final int[] table;

    /** Sparse mode: children of {@code s} are states {@code childStart[s] .. childStart[s + 1]}. */
    private final int[] childStart;
    /** Sparse mode: symbol on the trie edge into each state, ascending within each child range. */
    private final int[] edgeSymbol;

    private final int[] fail;
    /** Sparse mode: the complete DFA row of the root. */
    private final int[] rootNext;

    private NeedleScanner(
            int size,
            int stateCount,
            int alphabetSize,
            boolean dense,
            int[] asciiSymbols,
            char[] hashKeys,
            int[] hashSymbols,
            int hashShift,
            int[] outStart,
            int[] outIds,
            int[] table,
            int[] childStart,
            int[] edgeSymbol,
            int[] fail,
            int[] rootNext) {
        this.size = size;
        this.idLimit = size;
        this.stateBase = 0;
        this.stateCount = stateCount;
        this.alphabetSize = alphabetSize;
        this.dense = dense;
        this.asciiSymbols = asciiSymbols;
        this.hashKeys = hashKeys;
        this.hashSymbols = hashSymbols;
        this.hashShift = hashShift;
        this.outStart = outStart;
        this.outIds = outIds;
        this.table = table;
        this.childStart = childStart;
        this.edgeSymbol = edgeSymbol;
        this.fail = fail;
        this.rootNext = rootNext;
    }

    private NeedleScanner(NeedleScanner base, int[] outIds, int idLimit, int stateBase) {
        this.size = base.size;
        this.idLimit = idLimit;
        this.stateBase = stateBase;
        this.stateCount = base.stateCount;
        this.alphabetSize = base.alphabetSize;
        this.dense = base.dense;
        this.asciiSymbols = base.asciiSymbols;
        this.hashKeys = base.hashKeys;
        this.hashSymbols = base.hashSymbols;
        this.hashShift = base.hashShift;
        this.outStart = base.outStart;
        this.outIds = outIds;
        this.table = base.table;
        this.childStart = base.childStart;
        this.edgeSymbol = base.edgeSymbol;
        this.fail = base.fail;
        this.rootNext = base.rootNext;
    }

    /**
     * This scanner reporting {@code ids[i]} for needle {@code i}, and recording its states in a {@link Marks} from
     * {@code stateBase} on: several scanners (one per field) then mark one shared id space and share one
     * {@link Marks} sized for all their ids and {@code stateBase + stateCount()} states.
     */
    NeedleScanner renumbered(int[] ids, int stateBase) {
        if (ids.length != size || stateBase < 0) {
            throw new IllegalArgumentException("need " + size + " ids and a non-negative state base");
        }
        int limit = 0;
        for (int id : ids) {
            if (id < 0) {
                throw new IllegalArgumentException("negative id " + id);
            }
            limit = Math.max(limit, id + 1);
        }
        int[] out = new int[outIds.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = ids[outIds[j]];
        }
        return new NeedleScanner(this, out, limit, stateBase);
    }

    /**
     * Builds a scanner with the default dense-table limit. Needle {@code i} gets id {@code i}; duplicates are allowed
     * and each of their ids is reported.
     *
     * @throws IllegalArgumentException if a needle is empty or the needles are too large in total
     */
    static NeedleScanner build(List<String> needles) {
        return build(needles, DEFAULT_MAX_DENSE_ENTRIES);
    }

    /**
     * Builds a scanner that uses the dense DFA table only if {@code states × alphabetSize ≤ maxDenseEntries} (pass
     * {@code 0} to force the sparse representation).
     *
     * @throws IllegalArgumentException if a needle is empty or the needles are too large in total
     */
    static NeedleScanner build(List<String> needles, long maxDenseEntries) {
        String[] needleArray = needles.toArray(new String[0]);
        int count = needleArray.length;

        // 1. Alphabet: every char occurring in a needle gets a symbol 1..k-1 (ascending char order); 0 is "other".
        boolean[] seen = new boolean[Character.MAX_VALUE + 1];
        long totalChars = 0;
        for (int i = 0; i < count; i++) {
            String needle = needleArray[i];
            if (needle.isEmpty()) {
                throw new IllegalArgumentException("needle " + i + " is empty");
            }
            totalChars += needle.length();
            if (totalChars > MAX_TOTAL_CHARS) {
                throw new IllegalArgumentException("needles too large: more than " + MAX_TOTAL_CHARS + " chars");
            }
            for (int j = 0; j < needle.length(); j++) {
                seen[needle.charAt(j)] = true;
            }
        }
        int[] symbolOf = new int[Character.MAX_VALUE + 1];
        int k = 1;
        int nonAscii = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (seen[c]) {
                symbolOf[c] = k++;
                if (c >= 128) {
                    nonAscii++;
                }
            }
        }
        int[] asciiSymbols = new int[128];
        for (char c = 0; c < 128; c++) {
            asciiSymbols[c] = symbolOf[Character.toLowerCase(c)];
        }
        int hashBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, 2 * nonAscii - 1)));
        int hashShift = 32 - hashBits;
        char[] hashKeys = new char[1 << hashBits];
        int[] hashSymbols = new int[1 << hashBits];
        for (int c = 128; c <= Character.MAX_VALUE; c++) {
            if (seen[c]) {
                int slot = hashSlot((char) c, hashShift);
                while (hashKeys[slot] != 0) {
                    slot = (slot + 1) & (hashKeys.length - 1);
                }
                hashKeys[slot] = (char) c;
                hashSymbols[slot] = symbolOf[c];
            }
        }

        // 2. Trie, in insertion order; edges kept in an open-addressing map (state << 17 | symbol) -> child.
        int maxStates = (int) totalChars + 1;
        int[] trieParent = new int[maxStates];
        int[] trieSymbol = new int[maxStates];
        int edgeBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, 2 * maxStates - 1));
        long[] edgeKeys = new long[1 << edgeBits];
        int[] edgeChild = new int[1 << edgeBits];
        int edgeMask = edgeKeys.length - 1;
        int[] endState = new int[count];
        int n = 1;
        for (int i = 0; i < count; i++) {
            String needle = needleArray[i];
            int state = 0;
            for (int j = 0; j < needle.length(); j++) {
                int symbol = symbolOf[needle.charAt(j)];
                long key = ((long) state << 17) | symbol;
                int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - edgeBits));
                while (edgeKeys[slot] != 0 && edgeKeys[slot] != key) {
                    slot = (slot + 1) & edgeMask;
                }
                if (edgeKeys[slot] == key) {
                    state = edgeChild[slot];
                } else {
                    edgeKeys[slot] = key;
                    edgeChild[slot] = n;
                    trieParent[n] = state;
                    trieSymbol[n] = symbol;
                    state = n++;
                }
            }
            endState[i] = state;
        }
        edgeKeys = null;
        edgeChild = null;

        // 3. Children of each trie state sorted by symbol (two counting sorts), then BFS renumbering: the children of
        // new state s become the consecutive states childStart[s] .. childStart[s + 1].
        int[] bySymbolStart = new int[k + 1];
        for (int s = 1; s < n; s++) {
            bySymbolStart[trieSymbol[s] + 1]++;
        }
        for (int a = 0; a < k; a++) {
            bySymbolStart[a + 1] += bySymbolStart[a];
        }
        int[] bySymbol = new int[Math.max(0, n - 1)];
        for (int s = 1; s < n; s++) {
            bySymbol[bySymbolStart[trieSymbol[s]]++] = s;
        }
        int[] kidStart = new int[n + 1];
        for (int s = 1; s < n; s++) {
            kidStart[trieParent[s] + 1]++;
        }
        for (int s = 0; s < n; s++) {
            kidStart[s + 1] += kidStart[s];
        }
        int[] kids = new int[Math.max(0, n - 1)];
        int[] kidCursor = Arrays.copyOf(kidStart, n);
        for (int s : bySymbol) {
            kids[kidCursor[trieParent[s]]++] = s;
        }
        bySymbol = null;
        kidCursor = null;

        int[] oldOf = new int[n];
        int[] newOf = new int[n];
        int[] childStart = new int[n + 1];
        int tail = 1;
        for (int head = 0; head < n; head++) {
            int old = oldOf[head];
            childStart[head] = tail;
            for (int j = kidStart[old]; j < kidStart[old + 1]; j++) {
                int kid = kids[j];
                newOf[kid] = tail;
                oldOf[tail++] = kid;
            }
        }
        childStart[n] = n;
        kids = null;
        kidStart = null;
        int[] edgeSymbol = new int[n];
        int[] parent = new int[n];
        for (int s = 1; s < n; s++) {
            edgeSymbol[s] = trieSymbol[oldOf[s]];
            parent[s] = newOf[trieParent[oldOf[s]]];
        }
        for (int i = 0; i < count; i++) {
            endState[i] = newOf[endState[i]];
        }
        trieParent = null;
        trieSymbol = null;
        oldOf = null;
        newOf = null;

        // 4. Failure links in BFS order (a state's failure and its parent's failure have smaller ids), filling the
        // dense DFA rows as we go: row(s) = row(fail(s)) overridden by s's own children.
        long entries = (long) n * k;
        boolean dense = entries <= Math.min(maxDenseEntries, Integer.MAX_VALUE - 16L);
        int[] table = dense ? new int[(int) entries] : NO_INTS;
        int[] fail = new int[n];
        int[] rootNext = new int[k];
        for (int c = childStart[0]; c < childStart[1]; c++) {
            rootNext[edgeSymbol[c]] = c;
        }
        for (int s = 0; s < n; s++) {
            if (s > 0) {
                int p = parent[s];
                if (p != 0) {
                    fail[s] = dense
                            ? table[fail[p] * k + edgeSymbol[s]]
                            : sparseStep(fail[p], edgeSymbol[s], childStart, edgeSymbol, fail, rootNext);
                }
            }
            if (dense) {
                int row = s * k;
                if (s > 0) {
                    System.arraycopy(table, fail[s] * k, table, row, k);
                }
                for (int c = childStart[s]; c < childStart[s + 1]; c++) {
                    table[row + edgeSymbol[c]] = c;
                }
            }
        }
        parent = null;

        // 5. Output lists: own ids (ascending) followed by the failure state's complete list.
        int[] ownCount = new int[n];
        for (int i = 0; i < count; i++) {
            ownCount[endState[i]]++;
        }
        int[] outStart = new int[n + 1];
        long total = 0;
        for (int s = 0; s < n; s++) {
            outStart[s] = (int) total;
            total += ownCount[s] + (s > 0 ? (long) outStart[fail[s] + 1] - outStart[fail[s]] : 0L);
            if (total > Integer.MAX_VALUE - 16L) {
                throw new IllegalArgumentException("needle set too self-overlapping: more than 2^31 outputs");
            }
            outStart[s + 1] = (int) total; // provisional, so that outStart[fail[s] + 1] is known when needed
        }
        int[] outIds = new int[(int) total];
        int[] outCursor = Arrays.copyOf(outStart, n);
        for (int i = 0; i < count; i++) {
            outIds[outCursor[endState[i]]++] = i;
        }
        for (int s = 1; s < n; s++) {
            int f = fail[s];
            System.arraycopy(outIds, outStart[f], outIds, outCursor[s], outStart[f + 1] - outStart[f]);
        }

        if (dense) {
            // 6. Encode: target state premultiplied by k (a row offset), inverted when the target has outputs.
            int[] encoded = new int[n];
            for (int s = 0; s < n; s++) {
                int row = s * k;
                encoded[s] = outStart[s + 1] > outStart[s] ? ~row : row;
            }
            for (int i = 0; i < table.length; i++) {
                table[i] = encoded[table[i]];
            }
            return new NeedleScanner(
                    count,
                    n,
                    k,
                    true,
                    asciiSymbols,
                    hashKeys,
                    hashSymbols,
                    hashShift,
                    outStart,
                    outIds,
                    table,
                    NO_INTS,
                    NO_INTS,
                    NO_INTS,
                    NO_INTS);
        }
        return new NeedleScanner(
                count,
                n,
                k,
                false,
                asciiSymbols,
                hashKeys,
                hashSymbols,
                hashShift,
                outStart,
                outIds,
                NO_INTS,
                childStart,
                edgeSymbol,
                fail,
                rootNext);
    }

    /** Number of needles (ids are {@code 0 .. size() - 1}). */
    int size() {
        return size;
    }

    /** Number of automaton states (trie nodes including the root). */
    int stateCount() {
        return stateCount;
    }

    /** Number of symbols: distinct needle chars plus one for "other". */
    int alphabetSize() {
        return alphabetSize;
    }

    /** Whether the dense DFA table is used (else the sparse trie with failure links). */
    boolean isDense() {
        return dense;
    }

    /**
     * Marks in {@code marks} the id of every needle occurring in {@code text}, compared case-insensitively (see the
     * class comment). Ids already marked stay marked: call {@link Marks#clear()} between events. Allocates nothing.
     *
     * @throws IllegalArgumentException if {@code marks} is smaller than {@link #size()}
     */
    void scan(CharSequence text, Marks marks) {
        if (marks.stamps.length < idLimit) {
            throw new IllegalArgumentException("marks of size " + marks.stamps.length + " < " + idLimit + " needles");
        }
        if (!dense) {
            scanSparse(text, marks);
        } else if (text instanceof String string) {
            scanDense(string, marks);
        } else {
            scanDense(text, marks);
        }
    }

    // The two dense loops are identical; the String one gives the JIT a monomorphic, inlinable charAt.
    private void scanDense(String text, Marks marks) {
        final int[] table = this.table;
        final int[] ascii = this.asciiSymbols;
        final int length = text.length();
        int row = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int next = table[row + (c < 128 ? ascii[c] : nonAsciiSymbol(c))];
            if (next < 0) {
                next = ~next;
                emit(next / alphabetSize, marks);
            }
            row = next;
        }
    }

    private void scanDense(CharSequence text, Marks marks) {
        final int[] table = this.table;
        final int[] ascii = this.asciiSymbols;
        final int length = text.length();
        int row = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int next = table[row + (c < 128 ? ascii[c] : nonAsciiSymbol(c))];
            if (next < 0) {
                next = ~next;
                emit(next / alphabetSize, marks);
            }
            row = next;
        }
    }

    private void scanSparse(CharSequence text, Marks marks) {
        final int[] ascii = this.asciiSymbols;
        final int length = text.length();
        int state = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            state = sparseStep(state, c < 128 ? ascii[c] : nonAsciiSymbol(c), childStart, edgeSymbol, fail, rootNext);
            if (outStart[state + 1] != outStart[state]) {
                emit(state, marks);
            }
        }
    }

    private void emit(int state, Marks marks) {
        if (marks.stateSeen(stateBase + state)) {
            return; // this state's outputs are already marked for this text
        }
        final int[] ids = this.outIds;
        for (int j = outStart[state], end = outStart[state + 1]; j < end; j++) {
            marks.mark(ids[j]);
        }
    }

    /** Symbol of a non-ASCII text char: fold it, then look the result up (0 if no needle contains it). */
    private int nonAsciiSymbol(char c) {
        char lower = Character.toLowerCase(c);
        if (lower < 128) {
            // e.g. U+0130 -> 'i', U+212A -> 'k'; ASCII results of toLowerCase are fixed points, so the fold is exact.
            return asciiSymbols[lower];
        }
        final char[] keys = this.hashKeys;
        int mask = keys.length - 1;
        for (int slot = hashSlot(lower, hashShift); ; slot = (slot + 1) & mask) {
            char key = keys[slot];
            if (key == lower) {
                return hashSymbols[slot];
            }
            if (key == 0) {
                return 0;
            }
        }
    }

    private static int hashSlot(char c, int shift) {
        return (c * 0x9E3779B1) >>> shift;
    }

    /** Sparse DFA step: follow failure links until a state has a child on {@code symbol}, or reach the root. */
    private static int sparseStep(
            int state, int symbol, int[] childStart, int[] edgeSymbol, int[] fail, int[] rootNext) {
        if (symbol == 0) {
            return 0;
        }
        while (state != 0) {
            int lo = childStart[state];
            int hi = childStart[state + 1];
            if (hi - lo <= LINEAR_SEARCH_MAX) {
                for (int c = lo; c < hi; c++) {
                    if (edgeSymbol[c] == symbol) {
                        return c;
                    }
                }
            } else {
                int found = Arrays.binarySearch(edgeSymbol, lo, hi, symbol);
                if (found >= 0) {
                    return found;
                }
            }
            state = fail[state];
        }
        return rootNext[symbol];
    }

    @Override
    public String toString() {
        return "NeedleScanner[needles=" + size + ", states=" + stateCount + ", alphabet=" + alphabetSize + ", "
                + (dense ? "dense" : "sparse") + ", outputs=" + outIds.length + "]";
    }

    /**
     * A reusable set of needle ids found in one event, meant to be kept per thread. {@link #clear()} is O(1): each id
     * has a stamp, and an id is present iff its stamp equals the current epoch, which {@code clear()} advances.
     */
    static final class Marks {
        private final int[] stamps;
        private final int[] marked;
        private final int[] stateStamps;
        private int epoch;
        private int count;

        /** An empty set for ids {@code 0 .. size - 1}. */
        Marks(int size) {
            this(size, 1);
        }

        /**
         * An empty set for ids {@code 0 .. size - 1} that also remembers which of a scanner's {@code states} have
         * reported their outputs since the last {@link #clear()}, so repeated substrings are reported once.
         */
        static Marks withStates(int size, int states) {
            return new Marks(size, 1, states);
        }

        Marks(int size, int startEpoch, int states) {
            if (size < 0 || states < 0) {
                throw new IllegalArgumentException("negative size " + size + " or states " + states);
            }
            if (startEpoch == 0) {
                throw new IllegalArgumentException("epoch 0 is reserved");
            }
            this.stamps = new int[size];
            this.marked = new int[size];
            this.stateStamps = new int[states];
            this.epoch = startEpoch;
        }

        /** For tests: starts at the given (non-zero) epoch, to exercise the wrap-around in {@link #clear()}. */
        Marks(int size, int startEpoch) {
            this(size, startEpoch, 0);
        }

        /** Removes all ids, in O(1) (O(size) once every 2^32 clears, when the epoch wraps). */
        void clear() {
            count = 0;
            if (++epoch == 0) {
                Arrays.fill(stamps, 0);
                Arrays.fill(stateStamps, 0);
                epoch = 1;
            }
        }

        /** Whether {@code state} already reported since the last clear; records that it has now. */
        boolean stateSeen(int state) {
            if (state >= stateStamps.length) {
                return false;
            }
            if (stateStamps[state] == epoch) {
                return true;
            }
            stateStamps[state] = epoch;
            return false;
        }

        boolean has(int id) {
            return stamps[id] == epoch;
        }

        void mark(int id) {
            if (stamps[id] != epoch) {
                stamps[id] = epoch;
                marked[count++] = id;
            }
        }

        /** The {@code i}-th distinct id marked since the last {@link #clear()}, in marking order. */
        int get(int i) {
            return marked[i];
        }

        /** Number of distinct ids marked since the last {@link #clear()}. */
        int count() {
            return count;
        }

        /** The largest id plus one this set can hold. */
        int capacity() {
            return stamps.length;
        }
    }
}
