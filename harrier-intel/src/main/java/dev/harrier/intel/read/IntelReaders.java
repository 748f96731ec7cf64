package dev.harrier.intel.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the intel readers: recognises a file's format and streams it into an {@link IntelSink}.
 *
 * <p>All readers stream: a file is never held in memory as a whole, and every entry is bounded by {@link Limits}.
 * Gzip input is recognised by its magic bytes and read transparently.
 */
public final class IntelReaders {
    private IntelReaders() {}

    /**
     * The format of a file, from its content (the extension is not trusted): a JSON object with {@code "type":
     * "bundle"} is a STIX bundle; {@code {"Event": ...}}, {@code {"response": [...]}} or an object with {@code
     * Attribute}/{@code info} is a MISP event; an object with {@code values}, {@code uuid} and {@code type} is a MISP
     * galaxy cluster file; anything else is read as an IOC list (whose reader rejects binary content).
     */
    public static IntelFormat detect(Path file) throws IOException {
        return FormatSniffer.detect(file);
    }

    /**
     * Reads {@code file} as {@code format} into {@code sink}; the source name of errors and objects is the file name.
     *
     * @throws IntelSyntaxException when the file as a whole cannot be read (malformed JSON, not the format, binary)
     * @throws IOException when the file cannot be read
     */
    public static ReadSummary read(Path file, IntelFormat format, Limits limits, IntelSink sink)
            throws IOException, IntelSyntaxException {
        Path name = file.getFileName();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name == null ? file.toString() : name.toString(), format, limits, sink);
        }
    }

    /**
     * Reads a stream as {@code format} into {@code sink}; the stream is not closed.
     *
     * @param sourceName names the input in errors and is the source name of objects that have no better one
     */
    public static ReadSummary read(InputStream in, String sourceName, IntelFormat format, Limits limits, IntelSink sink)
            throws IOException, IntelSyntaxException {
        ReadContext ctx = new ReadContext(sourceName, limits, sink);
        InputOpener.Opened opened = InputOpener.open(in, limits.maxDownloadBytes());
        FormatReader reader = readerFor(format);
        try {
            return reader.read(opened.content(), ctx);
        } catch (JsonProcessingException e) {
            throw JsonInput.syntax(sourceName, e, ctx.currentPosition());
        } catch (IOException e) {
            if (opened.sourceFailed()) {
                throw e;
            }
            long[] pos = ctx.currentPosition();
            String what = opened.gzip() ? "unreadable gzip content: " : "unreadable content: ";
            String msg = e.getMessage();
            throw ctx.syntax(pos[0], pos[1], what + (msg == null ? e.getClass().getSimpleName() : msg));
        }
    }

    private static FormatReader readerFor(IntelFormat format) {
        return switch (format) {
            case STIX_BUNDLE -> new StixBundleReader();
            case MISP_EVENT -> new MispEventReader();
            case MISP_GALAXY_CLUSTER -> new GalaxyClusterReader();
            case IOC_LIST -> new IocListReader();
        };
    }
}
