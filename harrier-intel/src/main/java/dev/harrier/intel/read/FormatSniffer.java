package dev.harrier.intel.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises the format of a file from its first bytes and, for JSON, its top-level property names. */
final class FormatSniffer {
    private static final int PREFIX = 4096;

    private FormatSniffer() {}

    static IntelFormat detect(Path file) throws IOException {
        int first;
        try (InputStream raw = Files.newInputStream(file)) {
            InputOpener.Opened in = InputOpener.open(raw, Limits.defaults().maxDownloadBytes());
            try {
                first = firstSignificantChar(in.content().readNBytes(PREFIX));
            } catch (IOException e) {
                if (in.sourceFailed()) {
                    throw e;
                }
                return IntelFormat.IOC_LIST; // a corrupt gzip stream: the reader reports it
            }
        }
        if (first != '{' && first != '[') {
            return IntelFormat.IOC_LIST;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            InputOpener.Opened in = InputOpener.open(raw, Limits.defaults().maxDownloadBytes());
            return sniffJson(in.content(), first);
        }
    }

    /** The first character that is not whitespace or a byte-order mark, or -1. */
    static int firstSignificantChar(byte[] b) {
        int i = 0;
        int step = 1;
        int n = b.length;
        if (n >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            i = 3;
        } else if (n >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            i = 3; // UTF-16BE: the low byte of each character
            step = 2;
        } else if (n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            i = 2; // UTF-16LE
            step = 2;
        }
        for (; i < n; i += step) {
            int c = b[i] & 0xff;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0) {
                return c;
            }
        }
        return -1;
    }

    private static IntelFormat sniffJson(InputStream in, int first) {
        boolean sawValues = false;
        boolean sawUuid = false;
        boolean sawType = false;
        boolean sawObjects = false;
        try (JsonParser p = JsonInput.parser(Limits.defaults(), in)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                // a list of MISP events: [{"Event": ...}, ...]
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        if (isMispEventKey(p.currentName())) {
                            return IntelFormat.MISP_EVENT;
                        }
                        p.nextToken();
                        p.skipChildren();
                    }
                    return IntelFormat.STIX_BUNDLE;
                }
                return IntelFormat.IOC_LIST;
            }
            if (t != JsonToken.START_OBJECT) {
                return IntelFormat.IOC_LIST;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (name.equals("type")) {
                    sawType = true;
                    if (t == JsonToken.VALUE_STRING && p.getText().equals("bundle")) {
                        return IntelFormat.STIX_BUNDLE;
                    }
                } else if (name.equals("Event") || name.equals("response") || isMispEventKey(name)) {
                    return IntelFormat.MISP_EVENT;
                } else if (name.equals("values")) {
                    sawValues = true;
                } else if (name.equals("uuid")) {
                    sawUuid = true;
                } else if (name.equals("objects")) {
                    sawObjects = true;
                }
                if (sawValues && sawUuid && sawType) {
                    return IntelFormat.MISP_GALAXY_CLUSTER;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // malformed JSON: decide from what was seen; the reader reports the syntax error
            if (first == '[' && !sawType) {
                return IntelFormat.IOC_LIST;
            }
        }
        if (sawValues && !sawObjects) {
            return IntelFormat.MISP_GALAXY_CLUSTER;
        }
        return IntelFormat.STIX_BUNDLE;
    }

    private static boolean isMispEventKey(String name) {
        return name.equals("Event")
                || name.equals("Attribute")
                || name.equals("info")
                || name.equals("Object")
                || name.equals("Orgc");
    }
}
