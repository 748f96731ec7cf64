package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NeedleScannerTest {
    enum Mode {
        DENSE,
        SPARSE
    }

    private static NeedleScanner build(Mode mode, List<String> needles) {
        NeedleScanner scanner = NeedleScanner.build(needles, mode == Mode.DENSE ? Long.MAX_VALUE : 0);
        assertThat(scanner.isDense()).isEqualTo(mode == Mode.DENSE);
        assertThat(scanner.size()).isEqualTo(needles.size());
        return scanner;
    }

    private static NeedleScanner build(Mode mode, String... needles) {
        return build(mode, List.of(needles));
    }

    /** Ids found in {@code text}, ascending; also checks that {@link NeedleScanner.Marks#count()} agrees. */
    private static List<Integer> found(NeedleScanner scanner, CharSequence text) {
        NeedleScanner.Marks marks = new NeedleScanner.Marks(scanner.size());
        scanner.scan(text, marks);
        return ids(marks, scanner.size());
    }

    private static List<Integer> ids(NeedleScanner.Marks marks, int size) {
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            if (marks.has(id)) {
                ids.add(id);
            }
        }
        assertThat(marks.count()).isEqualTo(ids.size());
        return ids;
    }

    /** Brute force: fold the text char by char with {@code Character.toLowerCase(char)}, then {@code contains}. */
    private static List<Integer> oracle(List<String> needles, CharSequence text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            folded.append(Character.toLowerCase(text.charAt(i)));
        }
        String lower = folded.toString();
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < needles.size(); id++) {
            if (lower.contains(needles.get(id))) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static void assertMatchesOracle(List<String> needles, String text) {
        List<Integer> expected = oracle(needles, text);
        for (Mode mode : Mode.values()) {
            NeedleScanner scanner = build(mode, needles);
            assertThat(found(scanner, text))
                    .as("%s %s in %s", mode, needles, text)
                    .isEqualTo(expected);
            assertThat(found(scanner, mutable(text)))
                    .as("%s (StringBuilder)", mode)
                    .isEqualTo(expected);
        }
    }

    /** A {@link CharSequence} that is not a {@link String}, to exercise the generic scan loop. */
    @SuppressWarnings("UnnecessaryStringBuilder")
    private static CharSequence mutable(String text) {
        return new StringBuilder(text);
    }

    // ---------------------------------------------------------------- hand-written cases

    @ParameterizedTest
    @EnumSource(Mode.class)
    void overlappingNeedlesInUshers(Mode mode) {
        NeedleScanner scanner = build(mode, "he", "she", "his", "hers");
        assertThat(found(scanner, "ushers")).containsExactly(0, 1, 3);
        assertThat(found(scanner, "this")).containsExactly(2);
        assertThat(found(scanner, "hishe")).containsExactly(0, 1, 2);
        // root, h, he, her, hers, s, sh, she, hi, his; symbols e h i r s + "other"
        assertThat(scanner.stateCount()).isEqualTo(10);
        assertThat(scanner.alphabetSize()).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void needlesThatAreSuffixesOfOthers(Mode mode) {
        NeedleScanner scanner = build(mode, "\\cmd.exe", ".exe", "exe", "cmd", "xe", "powershell.exe", "e.exe");
        assertThat(found(scanner, "C:\\Windows\\System32\\CMD.EXE")).containsExactly(0, 1, 2, 3, 4);
        assertThat(found(scanner, "xe")).containsExactly(4);
        assertThat(found(scanner, "cmd.ex")).containsExactly(3);
        assertThat(found(scanner, "E.EXE")).containsExactly(1, 2, 4, 6);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void needleEqualToWholeTextAndAtTheEdges(Mode mode) {
        NeedleScanner scanner = build(mode, "mimikatz", "mimi", "katz", "z", "mimikatz!");
        assertThat(found(scanner, "mimikatz")).containsExactly(0, 1, 2, 3);
        assertThat(found(scanner, "MimiKatz")).containsExactly(0, 1, 2, 3);
        assertThat(found(scanner, "mimikat")).containsExactly(1);
        assertThat(found(scanner, "imikatz")).containsExactly(2, 3);
        assertThat(found(scanner, "mimikatz!")).containsExactly(0, 1, 2, 3, 4);

        NeedleScanner edges = build(mode, "ab", "yz", "abcdefghijklmnopqrstuvwxyz", "a", "mn");
        assertThat(found(edges, "abcdefghijklmnopqrstuvwxyz")).containsExactly(0, 1, 2, 3, 4);
        assertThat(found(edges, "abcdefghijklmnopqrstuvwxy")).containsExactly(0, 3, 4);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void repeatedNeedlesReportEveryId(Mode mode) {
        NeedleScanner scanner = build(mode, "abc", "x", "abc", "abc", "bc");
        assertThat(found(scanner, "zabcz")).containsExactly(0, 2, 3, 4);
        assertThat(found(scanner, "abcabcabc")).containsExactly(0, 2, 3, 4);
        assertThat(found(scanner, "xx")).containsExactly(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void upperCaseText(Mode mode) {
        NeedleScanner scanner = build(mode, " -encodedcommand ", "powershell.exe", "mimikatz", "\\cmd.exe");
        String cmd = "C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\POWERSHELL.EXE -EncodedCommand SQBFAFgA";
        assertThat(found(scanner, cmd)).containsExactly(0, 1);
        assertThat(found(scanner, cmd.toUpperCase(Locale.ROOT))).containsExactly(0, 1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void emptyTextAndEmptyNeedleList(Mode mode) {
        NeedleScanner scanner = build(mode, "a", "bc");
        assertThat(found(scanner, "")).isEmpty();
        assertThat(found(scanner, "xyz \u00e9")).isEmpty();

        NeedleScanner none = build(mode, List.of());
        assertThat(none.size()).isZero();
        assertThat(none.stateCount()).isEqualTo(1);
        assertThat(found(none, "anything at all \u00e4")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void otherCharSequencesGiveTheSameResult(Mode mode) {
        NeedleScanner scanner = build(mode, "he", "she", "his", "hers", "\u00e4");
        assertThat(found(scanner, mutable("uSHERS \u00c4"))).containsExactly(0, 1, 3, 4);
        assertThat(found(scanner, CharBuffer.wrap("uSHERS \u00c4"))).containsExactly(0, 1, 3, 4);
    }

    /**
     * Case folding is per {@code char}: text char {@code c} matches needle char {@code n} iff {@code
     * Character.toLowerCase(c) == n}. No one-to-many folds (ß is not "ss"), final sigma is not special, and
     * supplementary letters (surrogate pairs) are not folded.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void nonAsciiFoldingIsPerChar(Mode mode) {
        List<String> needles = List.of(
                "\u00e4", // 0: ä
                "stra\u00dfe", // 1: straße
                "\u03c3", // 2: σ
                "\u03c2", // 3: ς (final sigma)
                "i", // 4
                "\u0130".toLowerCase(Locale.ROOT), // 5: "i\u0307": İ lowercased as a String is two chars
                "k", // 6
                "\u0131", // 7: ı (dotless i)
                "\uD801\uDC28", // 8: DESERET SMALL LETTER LONG I (a surrogate pair)
                "\u00e5"); // 9: å
        assertThat(needles.get(5)).isEqualTo("i\u0307");
        NeedleScanner scanner = build(mode, needles);

        assertThat(found(scanner, "\u00c4")).containsExactly(0); // Ä
        assertThat(found(scanner, "\u00e4")).containsExactly(0);
        assertThat(found(scanner, "STRA\u1e9eE")).containsExactly(1); // capital sharp s ẞ folds to ß
        assertThat(found(scanner, "STRA\u00dfE")).containsExactly(1);
        assertThat(found(scanner, "STRASSE")).isEmpty(); // no one-to-many folding
        assertThat(found(scanner, "\u03a3")).containsExactly(2); // Σ folds to σ, never to ς
        assertThat(found(scanner, "\u03c2")).containsExactly(3);
        // İ (U+0130) folds per char to a plain 'i': it matches "i" but not "i\u0307"
        assertThat(found(scanner, "\u0130")).containsExactly(4);
        assertThat(found(scanner, "I\u0307")).containsExactly(4, 5);
        assertThat(found(scanner, "I")).containsExactly(4); // not the dotless ı
        assertThat(found(scanner, "\u0131")).containsExactly(7);
        assertThat(found(scanner, "\u212a")).containsExactly(6); // KELVIN SIGN folds to 'k'
        assertThat(found(scanner, "\u212b")).containsExactly(9); // ANGSTROM SIGN folds to å
        assertThat(found(scanner, "\uD801\uDC28")).containsExactly(8);
        assertThat(found(scanner, "\uD801\uDC00")).isEmpty(); // capital Deseret letter: surrogates are not folded
        assertThat(found(scanner, "\u00c4\u03a3\u212a\u0130")).containsExactly(0, 2, 4, 6);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nonAsciiTextCharsFoldingToAsciiWithAnAsciiOnlyNeedleSet(Mode mode) {
        NeedleScanner scanner = build(mode, "kit", "x");
        assertThat(scanner.alphabetSize()).isEqualTo(5);
        assertThat(found(scanner, "\u212a\u0130T")).containsExactly(0);
        assertThat(found(scanner, "\u00e9\u00fc\u4e2d\uD83D\uDE00 kit")).containsExactly(0);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void needleCharsThatAreNotLowerCaseNeverMatch(Mode mode) {
        // Needles are meant to be lower case; an upper-case needle char is never the fold of a text char.
        NeedleScanner scanner = build(mode, "ABC", "abc", "\u00c4");
        assertThat(found(scanner, "ABC abc \u00c4")).containsExactly(1);
    }

    @Test
    void asciiResultsOfToLowerCaseAreFixedPoints() {
        // The scanner maps a non-ASCII char whose fold is ASCII through the folded ASCII table: that is exact only
        // because such folds are themselves lower case.
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char lower = Character.toLowerCase((char) c);
            if (lower < 128) {
                assertThat(Character.toLowerCase(lower)).as("U+%04X", c).isEqualTo(lower);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void renumberedScannersShareOneMarks(Mode mode) {
        NeedleScanner a = build(mode, "he", "she").renumbered(new int[] {5, 2}, 0);
        NeedleScanner b = build(mode, "his", "he").renumbered(new int[] {0, 7}, a.stateCount());
        NeedleScanner.Marks marks = NeedleScanner.Marks.withStates(8, a.stateCount() + b.stateCount());
        a.scan("ushers", marks);
        assertThat(ids(marks, 8)).containsExactly(2, 5);
        b.scan("this he", marks);
        assertThat(ids(marks, 8)).containsExactly(0, 2, 5, 7);
        marks.clear();
        b.scan("ushers", marks);
        assertThat(ids(marks, 8)).containsExactly(7);
        assertThatThrownBy(() -> a.scan("x", new NeedleScanner.Marks(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.renumbered(new int[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void marksAccumulateUntilCleared(Mode mode) {
        NeedleScanner scanner = build(mode, "he", "she", "his", "hers");
        NeedleScanner.Marks marks = new NeedleScanner.Marks(scanner.size());
        assertThat(marks.count()).isZero();
        assertThat(marks.capacity()).isEqualTo(4);

        scanner.scan("ushers", marks);
        assertThat(ids(marks, 4)).containsExactly(0, 1, 3);
        scanner.scan("this", marks);
        assertThat(ids(marks, 4)).containsExactly(0, 1, 2, 3);
        assertThat(marks.count()).isEqualTo(4);

        marks.clear();
        assertThat(marks.count()).isZero();
        assertThat(ids(marks, 4)).isEmpty();
        scanner.scan("this", marks);
        assertThat(ids(marks, 4)).containsExactly(2);

        marks.clear();
        scanner.scan("", marks);
        assertThat(ids(marks, 4)).isEmpty();
    }

    @Test
    void marksMarkIsIdempotentAndClearSurvivesEpochWrapAround() {
        NeedleScanner.Marks marks = new NeedleScanner.Marks(3, -1);
        marks.mark(0);
        marks.mark(0);
        marks.mark(2);
        assertThat(marks.count()).isEqualTo(2);
        marks.clear(); // epoch -1 -> 0 is reserved: stamps are reset
        assertThat(marks.has(0)).isFalse();
        assertThat(marks.has(1)).isFalse();
        assertThat(marks.has(2)).isFalse();
        assertThat(marks.count()).isZero();
        marks.mark(1);
        assertThat(marks.has(1)).isTrue();
        assertThat(marks.count()).isEqualTo(1);

        NeedleScanner.Marks overflow = new NeedleScanner.Marks(2, Integer.MAX_VALUE);
        overflow.mark(0);
        overflow.clear(); // MAX_VALUE -> MIN_VALUE
        assertThat(overflow.has(0)).isFalse();
        overflow.mark(1);
        assertThat(overflow.has(1)).isTrue();
        assertThat(overflow.has(0)).isFalse();
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> NeedleScanner.build(List.of("a", "", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needle 1 is empty");
        NeedleScanner scanner = NeedleScanner.build(List.of("a", "b"));
        assertThatThrownBy(() -> scanner.scan("ab", new NeedleScanner.Marks(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NeedleScanner.Marks(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NeedleScanner.Marks(1, 0)).isInstanceOf(IllegalArgumentException.class);
        // a larger Marks is fine
        NeedleScanner.Marks big = new NeedleScanner.Marks(10);
        scanner.scan("b", big);
        assertThat(ids(big, 10)).containsExactly(1);
    }

    @Test
    void denseTableIsUsedExactlyUpToTheLimit() {
        List<String> needles = List.of("he", "she", "his", "hers", "\u00e4rger");
        NeedleScanner unlimited = NeedleScanner.build(needles, Long.MAX_VALUE);
        long entries = (long) unlimited.stateCount() * unlimited.alphabetSize();
        assertThat(NeedleScanner.build(needles, entries).isDense()).isTrue();
        assertThat(NeedleScanner.build(needles, entries - 1).isDense()).isFalse();
        assertThat(NeedleScanner.build(needles).isDense()).isTrue();
        assertThat(unlimited.toString()).contains("dense").contains("needles=5");
    }

    @Test
    void manyRealisticNeedles() {
        Random random = new Random(42);
        String[] parts = {
            "\\",
            "/",
            ".exe",
            ".dll",
            ".ps1",
            "cmd",
            "powershell",
            " -enc",
            "mimikatz",
            "sekurlsa",
            "::",
            "logon",
            "passwords",
            "rundll32",
            "regsvr32",
            "http://",
            "https://",
            "temp",
            "appdata",
            "\\windows\\",
            "system32",
            "certutil",
            "-urlcache",
            "bitsadmin",
            "/transfer",
            "invoke-",
            "expression",
            "downloadstring",
            "net ",
            "user ",
            "/add",
            "schtasks",
            "/create",
            "wmic",
            "process call",
            "vssadmin",
            "delete shadows",
            " ",
            "-",
            "_",
            "=",
            "\u00e4",
            "\u0430\u0434\u043c\u0438\u043d" // админ
        };
        List<String> needles = new ArrayList<>();
        while (needles.size() < 20_000) {
            StringBuilder needle = new StringBuilder();
            int pieces = 1 + random.nextInt(4);
            for (int p = 0; p < pieces; p++) {
                needle.append(parts[random.nextInt(parts.length)]);
            }
            if (random.nextInt(3) == 0) {
                needle.append(random.nextInt(1000));
            }
            needles.add(needle.toString());
        }
        NeedleScanner dense = NeedleScanner.build(needles);
        NeedleScanner sparse = NeedleScanner.build(needles, 0);
        assertThat(dense.isDense()).isTrue();
        NeedleScanner.Marks marks = new NeedleScanner.Marks(needles.size());
        for (int t = 0; t < 20; t++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 2_000) {
                String piece = parts[random.nextInt(parts.length)];
                text.append(random.nextBoolean() ? piece.toUpperCase(Locale.ROOT) : piece);
                if (random.nextInt(4) == 0) {
                    text.append(random.nextInt(1000));
                }
            }
            List<Integer> expected = oracle(needles, text);
            for (NeedleScanner scanner : List.of(dense, sparse)) {
                marks.clear();
                scanner.scan(text.toString(), marks);
                assertThat(ids(marks, needles.size())).isEqualTo(expected);
            }
        }
    }

    // ---------------------------------------------------------------- properties against the brute-force oracle

    @Property(tries = 400)
    void smallAlphabetMatchesOracle(
            @ForAll("smallAlphabetNeedles") List<String> needles, @ForAll("smallAlphabetTexts") String text) {
        assertMatchesOracle(needles, text);
    }

    @Property(tries = 300)
    void unicodeMatchesOracle(@ForAll("unicodeNeedles") List<String> needles, @ForAll Random random) {
        assertMatchesOracle(needles, textWithNeedles(needles, random));
    }

    @Property(tries = 40)
    void largerNeedleSetsMatchOracle(@ForAll("largeNeedleSets") List<String> needles, @ForAll Random random) {
        assertMatchesOracle(needles, textWithNeedles(needles, random));
    }

    @Provide
    Arbitrary<List<String>> smallAlphabetNeedles() {
        return Arbitraries.strings()
                .withChars("abc")
                .ofMinLength(1)
                .ofMaxLength(6)
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> smallAlphabetTexts() {
        return Arbitraries.strings().withChars("abcABCx").ofMaxLength(300);
    }

    private static final String UNICODE_POOL = "abcikszABCIKSZ .\\-:/0"
            + "\u00e4\u00c4\u00df\u1e9e\u0130\u0131\u0307\u03c3\u03a3\u03c2\u212a\u212b\u00e5\u00c5"
            + "\u0430\u0410\u4e2d\uD801\uDC00\uDC28\uD83D\uDE00\u0000\uffff";

    @Provide
    Arbitrary<List<String>> unicodeNeedles() {
        Arbitrary<String> pooled =
                Arbitraries.strings().withChars(UNICODE_POOL).ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4);
        return Arbitraries.frequencyOf(Tuple.of(4, pooled), Tuple.of(1, anyChars))
                .map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .list()
                .ofMinSize(1)
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> largeNeedleSets() {
        return Arbitraries.strings()
                .withChars(UNICODE_POOL.toLowerCase(Locale.ROOT) + "defghjlmnopqrtuvwxy123456789")
                .ofMinLength(1)
                .ofMaxLength(12)
                .list()
                .ofMinSize(100)
                .ofMaxSize(600);
    }

    /** Random text that embeds needles (with random per-char case changes) among random and arbitrary chars. */
    private static String textWithNeedles(List<String> needles, Random random) {
        int target = random.nextInt(400);
        StringBuilder text = new StringBuilder();
        while (text.length() < target) {
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    String needle = needles.get(random.nextInt(needles.size()));
                    for (int i = 0; i < needle.length(); i++) {
                        char c = needle.charAt(i);
                        text.append(
                                switch (random.nextInt(3)) {
                                    case 0 -> Character.toUpperCase(c);
                                    case 1 -> Character.toTitleCase(c);
                                    default -> c;
                                });
                    }
                }
                case 2 -> text.append(UNICODE_POOL.charAt(random.nextInt(UNICODE_POOL.length())));
                default -> text.append((char) random.nextInt(Character.MAX_VALUE + 1));
            }
        }
        return text.toString();
    }

    @Test
    void oracleSanity() {
        assertThat(oracle(List.of("he", "she", "his", "hers"), "uSHers")).containsExactly(0, 1, 3);
        assertThat(oracle(List.of("k", "i\u0307"), "\u212a\u0130")).containsExactly(0);
    }
}
