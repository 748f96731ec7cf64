package dev.harrier.analysis.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts attribution scores against, as plain arrays: the vocabulary of behaviour items (techniques and
 * software), how items relate (sub-technique → technique, software → the techniques it implements), and each
 * actor's profile (items with the source that reports them, targeted countries and sectors, attributed-to chain).
 *
 * <p>Immutable. The benchmark derives variants with {@link #withoutItems} and {@link #withoutGroups}.
 */
final class KnowledgeSnapshot {
    /** What an item is. */
    enum Kind {
        TECHNIQUE,
        SOFTWARE
    }

    /** One technique or piece of software: key is the ATT&amp;CK id where there is one, else the STIX id. */
    record Item(String key, String name, Kind kind, String stixId) {
        /** "T1059.001 PowerShell", or only the name when the item has no ATT&amp;CK id. */
        String label() {
            return key.contains("--") ? name : key + " " + name;
        }
    }

    /**
     * One actor (an alias-merged cluster of intrusion sets and threat actors): the primary member's STIX id, name
     * and ATT&amp;CK id, the sorted indices of the items the intel says it uses with the source of each, the keys of
     * targeted countries and sectors, the attributed-to chain and the primary member's source.
     */
    static final class Group {
        private final String id;
        private final String name;
        private final String attackId;
        private final int[] items;
        private final String[] itemSources;
        private final Set<String> countries;
        private final Set<String> sectors;
        private final List<Chain> chain;
        private final String source;

        Group(
                String id,
                String name,
                String attackId,
                int[] items,
                String[] itemSources,
                Set<String> countries,
                Set<String> sectors,
                List<Chain> chain,
                String source) {
            this.id = id;
            this.name = name;
            this.attackId = attackId;
            this.items = items;
            this.itemSources = itemSources;
            this.countries = countries;
            this.sectors = sectors;
            this.chain = chain;
            this.source = source;
        }

        String id() {
            return id;
        }

        String name() {
            return name;
        }

        String attackId() {
            return attackId;
        }

        /** Sorted item indices; callers must not modify the array. */
        int[] items() {
            return items;
        }

        Set<String> countries() {
            return countries;
        }

        Set<String> sectors() {
            return sectors;
        }

        List<Chain> chain() {
            return chain;
        }

        String source() {
            return source;
        }

        boolean uses(int item) {
            return Arrays.binarySearch(items, item) >= 0;
        }

        String sourceOf(int item) {
            int i = Arrays.binarySearch(items, item);
            return i >= 0 ? itemSources[i] : "";
        }

        Group without(Set<Integer> removed) {
            int[] keep = new int[items.length];
            String[] src = new String[items.length];
            int n = 0;
            for (int i = 0; i < items.length; i++) {
                if (!removed.contains(items[i])) {
                    keep[n] = items[i];
                    src[n++] = itemSources[i];
                }
            }
            return new Group(
                    id,
                    name,
                    attackId,
                    Arrays.copyOf(keep, n),
                    Arrays.copyOf(src, n),
                    countries,
                    sectors,
                    chain,
                    source);
        }
    }

    /** One attributed-to step. */
    record Chain(String fromName, String toId, String toName, String toType, String source) {}

    final List<Item> items;
    final Map<String, Integer> byKey;
    /** Normalised names and aliases of software → item. */
    final Map<String, Integer> byName;
    /** Revoked technique id → the id that replaces it. */
    final Map<String, String> replacedBy;
    /** Parent technique of a sub-technique, else -1. */
    final int[] parent;
    /** Sub-techniques of a technique. */
    final int[][] children;
    /** Techniques a piece of software implements. */
    final int[][] softwareTechniques;
    /** Software that implements a technique. */
    final int[][] techniqueSoftware;
    /** Country key → display name. */
    final Map<String, String> countryNames;

    final List<Group> groups;

    KnowledgeSnapshot(
            List<Item> items,
            Map<String, Integer> byKey,
            Map<String, Integer> byName,
            Map<String, String> replacedBy,
            int[] parent,
            int[][] softwareTechniques,
            Map<String, String> countryNames,
            List<Group> groups) {
        this.items = List.copyOf(items);
        this.byKey = Map.copyOf(byKey);
        this.byName = Map.copyOf(byName);
        this.replacedBy = Map.copyOf(replacedBy);
        this.parent = parent;
        this.softwareTechniques = softwareTechniques;
        this.countryNames = Map.copyOf(countryNames);
        this.groups = List.copyOf(groups);
        this.children = invert(parent, items.size());
        this.techniqueSoftware = invert(softwareTechniques, items.size());
    }

    private KnowledgeSnapshot(KnowledgeSnapshot base, List<Group> groups) {
        this.items = base.items;
        this.byKey = base.byKey;
        this.byName = base.byName;
        this.replacedBy = base.replacedBy;
        this.parent = base.parent;
        this.children = base.children;
        this.softwareTechniques = base.softwareTechniques;
        this.techniqueSoftware = base.techniqueSoftware;
        this.countryNames = base.countryNames;
        this.groups = List.copyOf(groups);
    }

    int size() {
        return items.size();
    }

    /** This knowledge with some items removed from one group's profile. */
    KnowledgeSnapshot withoutItems(int group, Set<Integer> removed) {
        List<Group> gs = new ArrayList<>(groups);
        gs.set(group, groups.get(group).without(removed));
        return new KnowledgeSnapshot(this, gs);
    }

    /** This knowledge without some groups (by index); the remaining groups keep their order. */
    KnowledgeSnapshot withoutGroups(Set<Integer> removed) {
        List<Group> gs = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (!removed.contains(i)) {
                gs.add(groups.get(i));
            }
        }
        return new KnowledgeSnapshot(this, gs);
    }

    private static int[][] invert(int[] parent, int n) {
        List<List<Integer>> kids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            kids.add(new ArrayList<>());
        }
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] >= 0) {
                kids.get(parent[i]).add(i);
            }
        }
        return toArrays(kids);
    }

    private static int[][] invert(int[][] forward, int n) {
        List<List<Integer>> back = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            back.add(new ArrayList<>());
        }
        for (int s = 0; s < forward.length; s++) {
            for (int t : forward[s]) {
                back.get(t).add(s);
            }
        }
        return toArrays(back);
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            Set<Integer> seen = new HashSet<>(lists.get(i));
            out[i] = seen.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }
}
