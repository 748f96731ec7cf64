package dev.harrier.analysis.sample;

import dev.harrier.core.StixObject;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.ImportSession;
import dev.harrier.store.ImportSource;
import dev.harrier.store.IncomingObject;
import dev.harrier.store.Store;
import java.util.List;

/**
 * Keeps samples in a case: each {@link SampleReport} becomes a STIX 2.1 {@code file} object (hashes, name, size, the
 * standard {@code windows-pebinary-ext} and the custom {@code x_harrier_pe} with compile time, PDB path, imphash,
 * Rich hash, signer; {@code x_harrier_family} when the family is known), stored through the case's {@link Store}.
 *
 * <p>One call is one import session (one transaction). File ids are derived from the strongest hash, so importing
 * the same sample again changes nothing, and importing it with new facts (a family, PE facts) replaces the stored
 * object.
 */
public final class SampleImporter {
    /** The import format recorded in the store's history. */
    public static final String FORMAT = "harrier-sample";

    private final Store store;

    /** An importer into {@code store}. */
    public SampleImporter(Store store) {
        this.store = store;
    }

    /** The STIX {@code file} object of a sample. */
    public static StixObject toStix(SampleReport sample) {
        return FileObjects.toStix(sample);
    }

    /**
     * Stores samples in one transaction.
     *
     * @param sourceName the file or report they came from (for provenance)
     * @param sourceSha256 the SHA-256 of that source's content
     */
    public ImportCounts importSamples(List<SampleReport> samples, String sourceName, String sourceSha256) {
        try (ImportSession s = store.beginImport(new ImportSource(sourceName, FORMAT, sourceSha256))) {
            for (SampleReport r : samples) {
                s.put(new IncomingObject(FileObjects.toStix(r), null, true, sourceName));
            }
            return s.commit();
        }
    }
}
