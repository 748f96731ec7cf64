package dev.harrier.analysis.sample;

import org.jspecify.annotations.Nullable;

/**
 * One finding that links a sample to a known toolkit.
 *
 * @param kind what was found
 * @param strength how strongly it links the sample to the toolkit, 0&ndash;1 (see {@link ToolkitSimilarity} for
 *     the scale)
 * @param toolkit the toolkit's name (the malware or tool name, or the family name of known samples)
 * @param toolkitId the STIX id of the toolkit's {@code malware} or {@code tool} object, when the intel has one
 * @param matchedSample the key (SHA-256, else SHA-1, else MD5) of the known sample that matched
 * @param explanation a sentence saying what matched and what it means
 */
public record ToolkitEvidence(
        Kind kind,
        double strength,
        String toolkit,
        @Nullable String toolkitId,
        String matchedSample,
        String explanation) {

    /** The kinds of toolkit evidence. */
    public enum Kind {
        /** Signed with the same code-signing certificate. */
        SIGNER,
        /** The same Rich header: same build tools and object composition. */
        RICH_HEADER,
        /** The same import hash. */
        IMPHASH,
        /** Fuzzy-hash (ssdeep) similarity above the threshold. */
        FUZZY_HASH,
        /** The same PDB path, or distinctive PDB path tokens in common. */
        PDB_PATH
    }
}
