package dev.harrier.intel.read;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line into cells (RFC 4180 quoting: {@code "a, b"}, {@code ""} for a quote). */
final class CsvLine {
    private CsvLine() {}

    static List<String> split(String line, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (c == delimiter) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                wasQuoted = false;
            } else {
                cell.append(c);
            }
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
        return cells;
    }

    /** The delimiter a header line uses: the most frequent of comma, tab and semicolon; 0 when none occurs. */
    static char delimiterOf(String line) {
        int commas = count(line, ',');
        int tabs = count(line, '\t');
        int semis = count(line, ';');
        if (commas == 0 && tabs == 0 && semis == 0) {
            return 0;
        }
        if (tabs >= commas && tabs >= semis) {
            return '\t';
        }
        return commas >= semis ? ',' : ';';
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
