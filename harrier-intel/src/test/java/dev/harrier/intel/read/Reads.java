package dev.harrier.intel.read;

import dev.harrier.core.Limits;
import dev.harrier.core.StixObject;
import dev.harrier.store.IncomingObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helpers: fixtures, and reading into a sink that keeps everything. */
final class Reads {
    private Reads() {}

    /** Everything one read gave. */
    record Result(List<IncomingObject> objects, List<IntelError> errors, ReadSummary summary) {
        List<StixObject> stix() {
            return objects.stream().map(IncomingObject::object).collect(Collectors.toList());
        }

        List<StixObject> ofType(String type) {
            return stix().stream().filter(o -> o.type().equals(type)).collect(Collectors.toList());
        }

        Map<String, StixObject> byId() {
            Map<String, StixObject> m = new LinkedHashMap<>();
            stix().forEach(o -> m.put(o.id(), o));
            return m;
        }

        StixObject get(String id) {
            StixObject o = byId().get(id);
            if (o == null) {
                throw new AssertionError("no object " + id + " among " + byId().keySet());
            }
            return o;
        }

        /** A comparable rendering of the whole result: every object (JSON, original, flags) and every error. */
        List<String> fingerprint() {
            List<String> out = new ArrayList<>();
            for (IncomingObject o : objects) {
                out.add(o.object().toJson() + " | " + o.original() + " | " + o.derived() + " | " + o.sourceName());
            }
            for (IntelError e : errors) {
                out.add(e.toString());
            }
            out.add(summary.toString());
            return out;
        }
    }

    /** A sink that keeps everything. */
    static final class CollectingSink implements IntelSink {
        final List<IncomingObject> objects = new ArrayList<>();
        final List<IntelError> errors = new ArrayList<>();

        @Override
        public void accept(IncomingObject o) {
            objects.add(o);
        }

        @Override
        public void reject(IntelError e) {
            errors.add(e);
        }
    }

    static Path fixture(String name) {
        URL url = Reads.class.getResource("/read/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String fixture) throws IOException {
        return Files.readAllBytes(fixture(fixture));
    }

    static Result read(Path file, IntelFormat format) throws IOException, IntelSyntaxException {
        return read(file, format, Limits.defaults());
    }

    static Result read(Path file, IntelFormat format, Limits limits) throws IOException, IntelSyntaxException {
        CollectingSink sink = new CollectingSink();
        ReadSummary s = IntelReaders.read(file, format, limits, sink);
        return new Result(sink.objects, sink.errors, s);
    }

    static Result fixture(String name, IntelFormat format) throws IOException, IntelSyntaxException {
        return read(fixture(name), format);
    }

    static Result read(byte[] content, String name, IntelFormat format, Limits limits)
            throws IOException, IntelSyntaxException {
        return read(new ByteArrayInputStream(content), name, format, limits);
    }

    static Result read(InputStream in, String name, IntelFormat format, Limits limits)
            throws IOException, IntelSyntaxException {
        CollectingSink sink = new CollectingSink();
        ReadSummary s = IntelReaders.read(in, name, format, limits, sink);
        return new Result(sink.objects, sink.errors, s);
    }
}
