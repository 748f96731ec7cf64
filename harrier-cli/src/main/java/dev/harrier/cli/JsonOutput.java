package dev.harrier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.harrier.core.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Prints results as one pretty-printed JSON document. */
final class JsonOutput {
    private static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    private JsonOutput() {}

    static void print(PrintWriter out, Object value) {
        try {
            out.println(WRITER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
