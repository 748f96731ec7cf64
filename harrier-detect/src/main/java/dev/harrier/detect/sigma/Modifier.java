package dev.harrier.detect.sigma;

import java.util.Locale;
import java.util.Optional;

/** The value modifiers of the Sigma specification ({@code field|contains|all}). */
public enum Modifier {
    CONTAINS("contains"),
    STARTSWITH("startswith"),
    ENDSWITH("endswith"),
    ALL("all"),
    EXISTS("exists"),
    CASED("cased"),
    NEQ("neq"),
    WINDASH("windash"),
    RE("re"),
    /** {@code re|i}: case-insensitive regular expression. */
    RE_IGNORECASE("i"),
    /** {@code re|m}: multi-line regular expression. */
    RE_MULTILINE("m"),
    /** {@code re|s}: dot matches newline. */
    RE_DOTALL("s"),
    BASE64("base64"),
    BASE64OFFSET("base64offset"),
    UTF16LE("utf16le"),
    UTF16BE("utf16be"),
    UTF16("utf16"),
    WIDE("wide"),
    LT("lt"),
    LTE("lte"),
    GT("gt"),
    GTE("gte"),
    MINUTE("minute"),
    HOUR("hour"),
    DAY("day"),
    WEEK("week"),
    MONTH("month"),
    YEAR("year"),
    CIDR("cidr"),
    EXPAND("expand"),
    FIELDREF("fieldref");

    private final String token;

    Modifier(String token) {
        this.token = token;
    }

    /** The modifier as written in a rule. */
    public String token() {
        return token;
    }

    /** Whether this is one of the {@code re} sub-modifiers {@code i}, {@code m}, {@code s}. */
    public boolean isRegexFlag() {
        return this == RE_IGNORECASE || this == RE_MULTILINE || this == RE_DOTALL;
    }

    /** The modifier written as {@code token} (case-insensitive; {@code ignorecase}, {@code multiline}, {@code dotall} too). */
    public static Optional<Modifier> of(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        switch (t) {
            case "ignorecase":
                return Optional.of(RE_IGNORECASE);
            case "multiline":
                return Optional.of(RE_MULTILINE);
            case "dotall":
                return Optional.of(RE_DOTALL);
            default:
                break;
        }
        for (Modifier m : values()) {
            if (m.token.equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
