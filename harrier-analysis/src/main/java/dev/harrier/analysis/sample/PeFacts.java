package dev.harrier.analysis.sample;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the headers of a PE file say, or what a sample report says about one; facts that could not be read (or that
 * the report leaves out) are null or empty.
 *
 * @param machine the target machine ({@code I386}, {@code AMD64}, {@code ARM64}, ... or {@code 0x....})
 * @param dll whether the file is a DLL
 * @param compileTime the COFF header's {@code TimeDateStamp} as an instant (the linker's clock, which builds can
 *     fake or zero)
 * @param pdbPath the PDB path of the CodeView debug record ({@code RSDS} or {@code NB10})
 * @param pdbGuid the PDB GUID of an {@code RSDS} record, in registry form
 * @param imphash MD5 of the import table, pefile's definition
 * @param importCount the number of imported functions
 * @param richHeaderHash MD5 of the decoded Rich header, pefile's definition
 * @param sections the sections with their entropy
 * @param exports the exported function names (ordinal-only exports as {@code ordN})
 * @param resourceCount the number of resource data entries
 * @param signer the Authenticode signing certificate
 */
public record PeFacts(
        @Nullable String machine,
        boolean dll,
        @Nullable Instant compileTime,
        @Nullable String pdbPath,
        @Nullable String pdbGuid,
        @Nullable String imphash,
        int importCount,
        @Nullable String richHeaderHash,
        List<PeSection> sections,
        List<String> exports,
        int resourceCount,
        @Nullable CodeSigner signer) {

    /** Copies the lists. */
    public PeFacts {
        sections = List.copyOf(sections);
        exports = List.copyOf(exports);
    }
}
