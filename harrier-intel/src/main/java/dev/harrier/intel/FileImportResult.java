package dev.harrier.intel;

import dev.harrier.intel.read.IntelError;
import dev.harrier.store.ImportCounts;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What importing one file did.
 *
 * @param file the file
 * @param format the detected format ({@code STIX_BUNDLE}, {@code MISP_EVENT}, ...), empty when unknown
 * @param sha256 the content hash, empty when unread
 * @param status {@code imported}, {@code skipped} (same content imported before), {@code rolled-back} (syntax
 *     error: nothing of the file was kept) or {@code failed} (unreadable)
 * @param specVersion the STIX version the file declared, when it is a bundle
 * @param counts added/updated/unchanged objects by type (empty unless imported)
 * @param rejected objects rejected
 * @param errors the first errors (up to {@code Limits.maxErrorsReported})
 * @param message the fatal problem for rolled-back or failed files
 */
public record FileImportResult(
        String file,
        String format,
        String sha256,
        String status,
        String specVersion,
        ImportCounts counts,
        long rejected,
        List<IntelError> errors,
        @Nullable String message) {

    static FileImportResult done(
            String file,
            String format,
            String sha,
            String spec,
            ImportCounts counts,
            long rejected,
            List<IntelError> errors) {
        return new FileImportResult(file, format, sha, "imported", spec, counts, rejected, List.copyOf(errors), null);
    }

    static FileImportResult skipped(String file, String format, String sha) {
        return new FileImportResult(
                file,
                format,
                sha,
                "skipped",
                "",
                ImportCounts.empty(),
                0,
                List.of(),
                "identical content was imported before (use --force to re-read)");
    }

    static FileImportResult syntaxError(
            String file, String format, String sha, String message, long rejected, List<IntelError> errors) {
        return new FileImportResult(
                file, format, sha, "rolled-back", "", ImportCounts.empty(), rejected, List.copyOf(errors), message);
    }

    static FileImportResult failed(String file, String format, String message) {
        return new FileImportResult(file, format, "", "failed", "", ImportCounts.empty(), 0, List.of(), message);
    }

    /** Whether the file's objects are in the store (imported now or before). */
    public boolean ok() {
        return status.equals("imported") || status.equals("skipped");
    }
}
