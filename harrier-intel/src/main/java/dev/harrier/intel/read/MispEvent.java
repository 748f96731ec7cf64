package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One MISP event as the reader collects it: the event's own (small) properties, its tags and galaxies, and its
 * attributes and objects kept in a {@link Spool} until the event is complete.
 */
final class MispEvent {
    final String path;
    final long line;
    final long column;
    final Spool entries;

    @Nullable
    String uuid;

    @Nullable
    String info;

    @Nullable
    String date;

    @Nullable
    String timestamp;

    @Nullable
    String publishTimestamp;

    @Nullable
    String threatLevel;

    @Nullable
    String analysis;

    @Nullable
    Boolean published;

    @Nullable
    ObjectNode orgc;

    @Nullable
    ObjectNode org;

    final List<String> tags = new ArrayList<>();
    final List<ObjectNode> galaxies = new ArrayList<>();
    boolean sawEventProperty;

    MispEvent(String path, long line, long column, Spool entries) {
        this.path = path;
        this.line = line;
        this.column = column;
        this.entries = entries;
    }
}
