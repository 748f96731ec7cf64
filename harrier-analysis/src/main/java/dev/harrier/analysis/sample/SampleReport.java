package dev.harrier.analysis.sample;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything Harrier knows about one sample: inspected from the file by {@link SampleInspector} or read from a
 * {@linkplain SampleReports JSON sample report}.
 *
 * @param name the file name
 * @param size the size in bytes, -1 when unknown
 * @param hashes the hashes
 * @param pe the PE facts; null for files that are not PE files (or reports without them)
 * @param family the malware family or toolkit the sample is known to belong to, when known
 * @param problems what could not be read, each naming the file and the offset and field (empty when clean)
 */
public record SampleReport(
        String name,
        long size,
        SampleHashes hashes,
        @Nullable PeFacts pe,
        @Nullable String family,
        List<String> problems) {

    /** Copies the list. */
    public SampleReport {
        problems = List.copyOf(problems);
    }

    /** This report with the family set. */
    public SampleReport withFamily(@Nullable String newFamily) {
        return new SampleReport(name, size, hashes, pe, newFamily, problems);
    }
}
