package dev.harrier.core;

/**
 * Every limit Harrier applies to untrusted input, in one place.
 *
 * <p>Input that exceeds a limit is rejected with an error naming the source, the position and the limit; the rest
 * of the batch goes on. The defaults are generous for real intel (the whole of ATT&amp;CK Enterprise, 45 MB, is far
 * inside them) and small enough that one hostile file cannot exhaust a 512 MiB heap.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>applies to</th></tr>
 *   <tr><td>{@code maxJsonDepth}</td><td>64</td><td>nesting of arrays/objects in any JSON input</td></tr>
 *   <tr><td>{@code maxStringLength}</td><td>8 MiB</td><td>one JSON string value</td></tr>
 *   <tr><td>{@code maxNumberLength}</td><td>100</td><td>digits of one JSON number</td></tr>
 *   <tr><td>{@code maxPropertyNameLength}</td><td>1,000</td><td>one JSON property name</td></tr>
 *   <tr><td>{@code maxObjectBytes}</td><td>4 MiB</td><td>serialized size of one STIX object (or MISP entry)</td></tr>
 *   <tr><td>{@code maxObjectProperties}</td><td>10,000</td><td>properties plus array items inside one object</td></tr>
 *   <tr><td>{@code maxObjectsPerFile}</td><td>5,000,000</td><td>objects in one bundle, event or list</td></tr>
 *   <tr><td>{@code maxLineLength}</td><td>64 KiB</td><td>one line of a text input (IOC list)</td></tr>
 *   <tr><td>{@code maxErrorsReported}</td><td>1,000</td><td>errors kept per file (the rest are counted)</td></tr>
 *   <tr><td>{@code maxDownloadBytes}</td><td>2 GiB</td><td>one file fetched by {@code intel update}</td></tr>
 * </table>
 */
public record Limits(
        int maxJsonDepth,
        int maxStringLength,
        int maxNumberLength,
        int maxPropertyNameLength,
        long maxObjectBytes,
        int maxObjectProperties,
        long maxObjectsPerFile,
        int maxLineLength,
        int maxErrorsReported,
        long maxDownloadBytes) {

    /**
     * The largest sample file {@code harrier sample} inspects: 512 MiB. Samples are read in bounded chunks (hashes,
     * section entropy) and by positioned reads (PE headers), never loaded whole, so this caps the time spent on one
     * file rather than memory; larger files are rejected with a message naming the file and the limit.
     */
    public static final long MAX_SAMPLE_BYTES = 512L << 20;

    /**
     * The most entries read from one table of one PE file (sections, import descriptors and functions, exports,
     * resource entries, debug entries, certificates): 100,000. A hostile count field cannot make the parser loop or
     * allocate without bound; the rest of the table is skipped and reported.
     */
    public static final int MAX_PE_TABLE_ENTRIES = 100_000;

    private static final Limits DEFAULTS =
            new Limits(64, 8 << 20, 100, 1_000, 4L << 20, 10_000, 5_000_000L, 64 << 10, 1_000, 2L << 30);

    /** The documented defaults above. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** A copy with a different per-object size cap. */
    public Limits withMaxObjectBytes(long bytes) {
        return new Limits(
                maxJsonDepth,
                maxStringLength,
                maxNumberLength,
                maxPropertyNameLength,
                bytes,
                maxObjectProperties,
                maxObjectsPerFile,
                maxLineLength,
                maxErrorsReported,
                maxDownloadBytes);
    }

    /** A copy with a different per-file object count cap. */
    public Limits withMaxObjectsPerFile(long count) {
        return new Limits(
                maxJsonDepth,
                maxStringLength,
                maxNumberLength,
                maxPropertyNameLength,
                maxObjectBytes,
                maxObjectProperties,
                count,
                maxLineLength,
                maxErrorsReported,
                maxDownloadBytes);
    }
}
