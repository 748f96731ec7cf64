package dev.harrier.detect.sigma;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Parses Sigma YAML (rules, correlation rules, filter rules; one or more {@code ---}-separated documents per file)
 * into the immutable AST of this package. Never throws for bad input: every problem becomes a {@link SigmaError} and
 * the other documents are still read. Thread-safe.
 */
public final class SigmaParser {
    private final Limits limits;

    /** A parser with {@link Limits#defaults()}. */
    public SigmaParser() {
        this(Limits.defaults());
    }

    /** A parser bounded by {@code limits} (file size: {@code maxObjectBytes}; nesting: {@code maxJsonDepth}). */
    public SigmaParser(Limits limits) {
        this.limits = limits;
    }

    /** Reads and parses {@code file} (UTF-8); unreadable files yield one error. */
    public ParseResult parse(Path file) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > limits.maxObjectBytes()) {
                return failed(source, "file is " + size + " bytes, over the limit of " + limits.maxObjectBytes());
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return parse(text, source);
        } catch (CharacterCodingException e) {
            return failed(source, "file is not valid UTF-8");
        } catch (IOException e) {
            return failed(source, "cannot read file: " + e);
        }
    }

    /** Parses {@code yaml}; {@code sourceName} names it in errors. */
    public ParseResult parse(String yaml, String sourceName) {
        return new DocumentReader(limits, sourceName).read(yaml);
    }

    private static ParseResult failed(String source, String message) {
        return new ParseResult(List.of(), List.of(), List.of(), List.of(new SigmaError(source, 0, 0, message)));
    }
}
