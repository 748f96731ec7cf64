package dev.harrier.store;

import java.text.Normalizer;
import java.util.Locale;

/** How names and aliases are compared: case-, accent- and punctuation-insensitively. */
public final class Aliases {
    private Aliases() {}

    /**
     * The normal form of a name: Unicode-decomposed, accents dropped, lower case, letters and digits only. "APT-C-39",
     * "apt c 39" and "APTC39" all become {@code aptc39}; "Cozy Bear" becomes {@code cozybear}.
     */
    public static String normalize(String name) {
        String d = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); ) {
            int cp = d.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                sb.appendCodePoint(Character.toLowerCase(cp));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
