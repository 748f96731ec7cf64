package dev.harrier.intel.read;

import java.io.IOException;
import java.io.InputStream;

/** Reads one format from decompressed input into the context's sink. */
interface FormatReader {
    /**
     * Reads everything.
     *
     * @throws IntelSyntaxException for problems of the whole input
     * @throws IOException for failures of the stream, and Jackson's parse errors (turned into syntax errors by the
     *     caller)
     */
    ReadSummary read(InputStream in, ReadContext ctx) throws IOException, IntelSyntaxException;
}
