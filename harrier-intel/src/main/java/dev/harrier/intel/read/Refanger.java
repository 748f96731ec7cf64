package dev.harrier.intel.read;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the usual defanging of indicators: {@code hxxp://}, {@code hxxps[:]//}, {@code fxp://}, {@code
 * example[.]com}, {@code (.)}, {@code {.}}, {@code [dot]}, {@code [:]}, {@code [://]}, {@code [@]}, {@code [at]},
 * {@code [/]}.
 */
final class Refanger {
    private static final Pattern DOT =
            Pattern.compile("\\[\\.]|\\(\\.\\)|\\{\\.}|\\[dot]|\\(dot\\)|\\{dot}|\\\\\\.", Pattern.CASE_INSENSITIVE);
    private static final Pattern AT =
            Pattern.compile("\\[@]|\\(@\\)|\\{@}|\\[at]|\\(at\\)|\\{at}", Pattern.CASE_INSENSITIVE);
    private static final Pattern COLON_SLASHES = Pattern.compile("\\[://]|\\[:]//|\\(://\\)");
    private static final Pattern COLON = Pattern.compile("\\[:]|\\(:\\)");
    private static final Pattern SLASH = Pattern.compile("\\[/]");
    private static final Pattern SCHEME = Pattern.compile("^(hxxps?|hxtps?|fxps?)://", Pattern.CASE_INSENSITIVE);

    private Refanger() {}

    static String refang(String value) {
        String s = value.trim();
        s = DOT.matcher(s).replaceAll(".");
        s = AT.matcher(s).replaceAll("@");
        s = COLON_SLASHES.matcher(s).replaceAll("://");
        s = COLON.matcher(s).replaceAll(":");
        s = SLASH.matcher(s).replaceAll("/");
        Matcher m = SCHEME.matcher(s);
        if (m.find()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            String fixed = scheme.startsWith("f") ? "ftp" + scheme.substring(3) : "http" + scheme.substring(4);
            s = fixed + s.substring(m.end(1));
        }
        return s;
    }
}
