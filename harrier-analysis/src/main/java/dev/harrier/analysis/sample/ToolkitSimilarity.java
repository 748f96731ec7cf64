package dev.harrier.analysis.sample;

import dev.harrier.analysis.sample.ToolkitEvidence.Kind;
import dev.harrier.core.StixObject;
import dev.harrier.store.AliasHit;
import dev.harrier.store.Aliases;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.RelationshipQuery;
import dev.harrier.store.RelationshipRow;
import dev.harrier.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compares a sample with the toolkits the case's intel knows, and says what links them, as evidence.
 *
 * <p>The known toolkits are the case's {@code malware} and {@code tool} objects together with the samples known to
 * belong to them: stored {@code file} objects that a malware or tool names in {@code sample_refs} or in a
 * relationship, and files imported with a family ({@code x_harrier_family}; the family name is resolved to a
 * malware or tool object by its aliases when the intel has one). Only files with something to compare (a fuzzy
 * hash or PE facts) count; at most {@link #MAX_KNOWN_SAMPLES} are loaded.
 *
 * <p>Findings and their strength (0&ndash;1):
 *
 * <ul>
 *   <li>{@code SIGNER}, 0.9: the same code-signing certificate (by SHA-256). Strong, but certificates are stolen
 *       and shared, so it links the signer rather than proving the author.
 *   <li>{@code RICH_HEADER}, 0.7: the same Rich header, that is the same compilers, linker and object counts.
 *   <li>{@code IMPHASH}, 0.6 with 20 or more imports, 0.45 with 5&ndash;19 or an unknown count, 0.25 with fewer
 *       (small import tables collide across unrelated programs).
 *   <li>{@code FUZZY_HASH}: ssdeep score at or above the threshold (default {@value #DEFAULT_FUZZY_THRESHOLD});
 *       strength 0.9 &times; score / 100.
 *   <li>{@code PDB_PATH}, 0.8 for the same PDB path; else 0.25 per distinctive {@linkplain PdbTokens token} in
 *       common, at most 0.7.
 * </ul>
 *
 * <p>Per toolkit and kind only the strongest finding is kept, its explanation counting the other known samples that
 * matched the same way. A known sample with the same hash as the compared one is skipped (it is the sample itself).
 */
public final class ToolkitSimilarity {
    /** The default fuzzy-hash score from which a similarity counts. */
    public static final int DEFAULT_FUZZY_THRESHOLD = 40;

    /** The most known samples loaded from a store. */
    public static final int MAX_KNOWN_SAMPLES = 200_000;

    private static final int CHUNK = 500;

    /** A sample known to belong to a toolkit. */
    record KnownSample(
            SampleReport sample, String toolkit, @Nullable String toolkitId) {}

    private final List<KnownSample> known;
    private final int fuzzyThreshold;
    private final boolean truncated;

    ToolkitSimilarity(List<KnownSample> known, int fuzzyThreshold, boolean truncated) {
        this.known = List.copyOf(known);
        this.fuzzyThreshold = fuzzyThreshold;
        this.truncated = truncated;
    }

    /** The known toolkit samples of a case, with the default fuzzy threshold. */
    public static ToolkitSimilarity fromStore(Store store) {
        return fromStore(store, DEFAULT_FUZZY_THRESHOLD);
    }

    /** The known toolkit samples of a case; fuzzy-hash scores below {@code fuzzyThreshold} (0&ndash;100) are ignored. */
    public static ToolkitSimilarity fromStore(Store store, int fuzzyThreshold) {
        if (fuzzyThreshold < 1 || fuzzyThreshold > 100) {
            throw new IllegalArgumentException("fuzzy threshold must be 1 to 100: " + fuzzyThreshold);
        }
        Map<String, String> toolkitNames = new HashMap<>();
        Map<String, String> fileToolkit = new HashMap<>();
        store.forEachLatest(ObjectFilter.ACTIVE.ofTypes("malware", "tool"), o -> {
            toolkitNames.put(o.id(), o.name().orElse(o.id()));
            for (String ref : o.strings("sample_refs")) {
                fileToolkit.putIfAbsent(ref, o.id());
            }
        });
        Map<String, SampleReport> files = new LinkedHashMap<>();
        boolean[] truncated = {false};
        store.forEachLatest(ObjectFilter.ACTIVE.ofTypes("file"), o -> {
            if (files.size() >= MAX_KNOWN_SAMPLES) {
                truncated[0] = true;
                return;
            }
            SampleReport r = FileObjects.fromStix(o);
            if (r != null && comparable(r)) {
                files.put(o.id(), r);
            }
        });
        List<String> ids = new ArrayList<>(files.keySet());
        for (int i = 0; i < ids.size(); i += CHUNK) {
            Set<String> chunk = Set.copyOf(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
            for (RelationshipRow row : store.relationships(RelationshipQuery.to(chunk))) {
                if (toolkitNames.containsKey(row.sourceRef())) {
                    fileToolkit.putIfAbsent(row.targetRef(), row.sourceRef());
                }
            }
            for (RelationshipRow row : store.relationships(RelationshipQuery.from(chunk))) {
                if (toolkitNames.containsKey(row.targetRef())) {
                    fileToolkit.putIfAbsent(row.sourceRef(), row.targetRef());
                }
            }
        }
        Map<String, @Nullable String> familyIds = new HashMap<>();
        List<KnownSample> known = new ArrayList<>();
        for (Map.Entry<String, SampleReport> e : files.entrySet()) {
            SampleReport r = e.getValue();
            String toolkitId = fileToolkit.get(e.getKey());
            if (toolkitId != null) {
                known.add(new KnownSample(r, toolkitNames.get(toolkitId), toolkitId));
            } else if (r.family() != null) {
                String family = r.family();
                String id = familyIds.computeIfAbsent(family, f -> resolve(store, f));
                known.add(new KnownSample(r, family, id));
            }
        }
        return new ToolkitSimilarity(known, fuzzyThreshold, truncated[0]);
    }

    private static @Nullable String resolve(Store store, String family) {
        String normal = Aliases.normalize(family);
        if (normal.isEmpty()) {
            return null;
        }
        for (AliasHit hit : store.findByAlias(normal)) {
            if (hit.type().equals("malware") || hit.type().equals("tool")) {
                StixObject o = store.latest(hit.objectId()).orElse(null);
                if (o != null && o.active()) {
                    return o.id();
                }
            }
        }
        return null;
    }

    private static boolean comparable(SampleReport r) {
        PeFacts pe = r.pe();
        return r.hashes().ssdeep() != null
                || (pe != null
                        && (pe.imphash() != null
                                || pe.richHeaderHash() != null
                                || pe.signer() != null
                                || pe.pdbPath() != null));
    }

    /** How many known toolkit samples there are to compare with. */
    public int knownSamples() {
        return known.size();
    }

    /** Whether the store held more than {@link #MAX_KNOWN_SAMPLES} files and the rest were not loaded. */
    public boolean truncated() {
        return truncated;
    }

    /** The evidence linking {@code sample} to known toolkits, strongest first. */
    public List<ToolkitEvidence> compare(SampleReport sample) {
        Map<String, ToolkitEvidence> best = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (KnownSample k : known) {
            if (sameSample(sample.hashes(), k.sample().hashes())) {
                continue;
            }
            for (ToolkitEvidence e : findings(sample, k)) {
                String key = k.toolkit() + "\u0000" + k.toolkitId() + "\u0000" + e.kind();
                counts.merge(key, 1, Integer::sum);
                ToolkitEvidence old = best.get(key);
                if (old == null || e.strength() > old.strength()) {
                    best.put(key, e);
                }
            }
        }
        List<ToolkitEvidence> out = new ArrayList<>();
        for (Map.Entry<String, ToolkitEvidence> e : best.entrySet()) {
            int n = counts.get(e.getKey());
            ToolkitEvidence ev = e.getValue();
            if (n > 1) {
                ev = new ToolkitEvidence(
                        ev.kind(),
                        ev.strength(),
                        ev.toolkit(),
                        ev.toolkitId(),
                        ev.matchedSample(),
                        ev.explanation()
                                + String.format(
                                        Locale.ROOT, " (%d known samples of %s match this way)", n, ev.toolkit()));
            }
            out.add(ev);
        }
        out.sort(Comparator.comparingDouble(ToolkitEvidence::strength)
                .reversed()
                .thenComparing(ToolkitEvidence::toolkit)
                .thenComparing(ToolkitEvidence::kind));
        return out;
    }

    private static boolean sameSample(SampleHashes a, SampleHashes b) {
        return (a.sha256() != null && a.sha256().equals(b.sha256()))
                || (a.sha1() != null && a.sha1().equals(b.sha1()))
                || (a.md5() != null && a.md5().equals(b.md5()));
    }

    private List<ToolkitEvidence> findings(SampleReport s, KnownSample k) {
        List<ToolkitEvidence> out = new ArrayList<>();
        SampleReport other = k.sample();
        String them = other.hashes().key();
        String who = "known sample " + shortName(other) + " of " + k.toolkit();
        PeFacts a = s.pe();
        PeFacts b = other.pe();
        if (a != null && b != null) {
            if (a.signer() != null
                    && b.signer() != null
                    && a.signer().sha256().equals(b.signer().sha256())) {
                out.add(evidence(
                        Kind.SIGNER,
                        0.9,
                        k,
                        them,
                        "signed with the same code-signing certificate ("
                                + a.signer().subject() + ", serial "
                                + a.signer().serial() + ", SHA-256 "
                                + a.signer().sha256() + ") as " + who
                                + "; certificates are stolen and shared, so this links the signer, not necessarily"
                                + " the author"));
            }
            if (a.richHeaderHash() != null && a.richHeaderHash().equals(b.richHeaderHash())) {
                out.add(evidence(
                        Kind.RICH_HEADER,
                        0.7,
                        k,
                        them,
                        "the same Rich header (MD5 " + a.richHeaderHash() + ") as " + who
                                + ": built with the same compiler and linker versions from the same mix of objects"));
            }
            if (a.imphash() != null && a.imphash().equals(b.imphash())) {
                int imports = Math.max(a.importCount(), b.importCount());
                double strength = imports >= 20 ? 0.6 : imports >= 5 || imports == 0 ? 0.45 : 0.25;
                out.add(evidence(
                        Kind.IMPHASH,
                        strength,
                        k,
                        them,
                        "the same import hash (" + a.imphash() + (imports > 0 ? ", " + imports + " imports" : "")
                                + ") as " + who
                                + (imports > 0 && imports < 5
                                        ? "; so few imports are shared by many unrelated programs"
                                        : "")));
            }
            if (a.pdbPath() != null && b.pdbPath() != null) {
                pdb(a.pdbPath(), b.pdbPath(), k, them, who, out);
            }
        }
        String fa = s.hashes().ssdeep();
        String fb = other.hashes().ssdeep();
        if (fa != null && fb != null) {
            int score = FuzzyHash.compare(fa, fb);
            if (score >= fuzzyThreshold) {
                out.add(evidence(
                        Kind.FUZZY_HASH,
                        0.9 * score / 100.0,
                        k,
                        them,
                        "fuzzy hash (ssdeep) similarity " + score + "/100 with " + who
                                + ": large parts of the content are the same"));
            }
        }
        return out;
    }

    private static void pdb(String pa, String pb, KnownSample k, String them, String who, List<ToolkitEvidence> out) {
        if (pa.equalsIgnoreCase(pb)) {
            out.add(evidence(Kind.PDB_PATH, 0.8, k, them, "the same PDB path (" + pa + ") as " + who));
            return;
        }
        Set<String> common = new TreeSet<>(PdbTokens.of(pa));
        common.retainAll(PdbTokens.of(pb));
        if (!common.isEmpty()) {
            out.add(evidence(
                    Kind.PDB_PATH,
                    Math.min(0.7, 0.25 * common.size()),
                    k,
                    them,
                    "PDB path tokens " + common + " in common with " + who + " (" + pa + " / " + pb + ")"));
        }
    }

    private static ToolkitEvidence evidence(Kind kind, double strength, KnownSample k, String them, String text) {
        return new ToolkitEvidence(kind, Math.round(strength * 1000) / 1000.0, k.toolkit(), k.toolkitId(), them, text);
    }

    private static String shortName(SampleReport r) {
        String key = r.hashes().key();
        String h = key.substring(0, Math.min(12, key.length()));
        return r.name().isEmpty() ? h : r.name() + " (" + h + "…)";
    }
}
