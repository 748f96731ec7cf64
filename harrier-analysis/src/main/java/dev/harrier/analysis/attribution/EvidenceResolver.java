package dev.harrier.analysis.attribution;

import dev.harrier.store.Aliases;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps an {@link Evidence}'s strings to the knowledge's items, countries and sectors, listing what it cannot use. */
final class EvidenceResolver {
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final Pattern SOFTWARE = Pattern.compile("S\\d{4}");

    /** The usable evidence. */
    static final class Resolved {
        private final int[] items;
        private final List<String> countries;
        private final List<String> sectors;
        private final List<String> problems;

        Resolved(int[] items, List<String> countries, List<String> sectors, List<String> problems) {
            this.items = items;
            this.countries = List.copyOf(countries);
            this.sectors = List.copyOf(sectors);
            this.problems = List.copyOf(problems);
        }

        int[] items() {
            return items;
        }

        List<String> countries() {
            return countries;
        }

        List<String> sectors() {
            return sectors;
        }

        List<String> problems() {
            return problems;
        }

        boolean isEmpty() {
            return items.length == 0 && countries.isEmpty() && sectors.isEmpty();
        }
    }

    private EvidenceResolver() {}

    static Resolved resolve(KnowledgeSnapshot kb, Evidence e) {
        Set<Integer> items = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        long techniques = kb.items.stream()
                .filter(i -> i.kind() == KnowledgeSnapshot.Kind.TECHNIQUE)
                .count();
        for (String raw : e.techniques()) {
            String id = raw.trim().toUpperCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (!TECHNIQUE.matcher(id).matches()) {
                problems.add("\"" + raw + "\" is not an ATT&CK technique id (T1234 or T1234.001)");
                continue;
            }
            Integer i = kb.byKey.get(id);
            if (i == null && kb.replacedBy.containsKey(id)) {
                String now = kb.replacedBy.get(id);
                i = kb.byKey.get(now);
                problems.add(id + " is revoked; scored as its replacement " + now);
            }
            if (i == null) {
                problems.add("unknown technique id " + id + ": not among the " + techniques
                        + " techniques of the case's knowledge base (import ATT&CK with 'harrier intel import')");
                continue;
            }
            items.add(i);
        }
        for (String raw : e.software()) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            Integer i = null;
            if (SOFTWARE.matcher(s.toUpperCase(Locale.ROOT)).matches()) {
                i = kb.byKey.get(s.toUpperCase(Locale.ROOT));
            } else {
                Integer byName = kb.byName.get(Aliases.normalize(s));
                if (byName != null && kb.items.get(byName).kind() == KnowledgeSnapshot.Kind.SOFTWARE) {
                    i = byName;
                }
            }
            if (i == null) {
                problems.add("unknown software \"" + s + "\": no malware or tool with this ATT&CK id, name or alias"
                        + " in the case's knowledge base");
                continue;
            }
            items.add(i);
        }
        List<String> countries = new ArrayList<>();
        for (String raw : e.countries()) {
            String c = country(kb.countryNames, raw);
            if (!c.isEmpty() && !countries.contains(c)) {
                countries.add(c);
            }
        }
        List<String> sectors = new ArrayList<>();
        for (String raw : e.sectors()) {
            String s = KnowledgeLoader.sectorKey(raw);
            if (!s.isEmpty() && !sectors.contains(s)) {
                sectors.add(s);
            }
        }
        if (!e.indicators().isEmpty()) {
            problems.add(e.indicators().size()
                    + " indicator(s) not scored: infrastructure overlap is not part of the attribution model yet");
        }
        if (e.utcOffsetMinutes() != null) {
            problems.add("UTC offset not scored: the activity-clock fit with actors' suspected countries is not part"
                    + " of the attribution model yet");
        }
        return new Resolved(items.stream().mapToInt(Integer::intValue).toArray(), countries, sectors, problems);
    }

    private static String country(Map<String, String> names, String raw) {
        String t = raw.trim();
        if (t.isEmpty()) {
            return "";
        }
        if (t.length() == 2) {
            return t.toUpperCase(Locale.ROOT);
        }
        String norm = Aliases.normalize(t);
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (Aliases.normalize(e.getValue()).equals(norm)) {
                return e.getKey();
            }
        }
        return norm;
    }
}
