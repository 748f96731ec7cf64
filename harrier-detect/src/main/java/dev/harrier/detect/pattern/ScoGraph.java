package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.IpAddresses;
import dev.harrier.core.ScoIds;
import dev.harrier.core.StixIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The STIX cyber-observable objects of one observation, built up while an event's fields are read, with STIX 2.1
 * deterministic ids (UUIDv5 in the SCO namespace over the id-contributing properties, section 2.9) where the
 * specification defines them, and ids derived from the observation for the types that have none (process,
 * network-traffic without addresses).
 */
final class ScoGraph {
    /** The STIX 2.1 namespace for SCO ids (section 2.9). */
    static final UUID SCO_NAMESPACE = ScoIds.STIX_SCO_NAMESPACE;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String observationKey;
    private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
    private int anonymous;

    ScoGraph(String observationKey) {
        this.observationKey = observationKey;
    }

    /** The objects, in the order they were added. */
    List<ObjectNode> objects() {
        return new ArrayList<>(objects.values());
    }

    boolean isEmpty() {
        return objects.isEmpty();
    }

    /** An {@code ipv4-addr} or {@code ipv6-addr} for an address (or CIDR) text; null when it is not one. */
    @Nullable
    String ip(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        String addr = t;
        int slash = t.indexOf('/');
        if (slash > 0) {
            addr = t.substring(0, slash);
        }
        byte[] b = IpAddresses.parse(addr);
        if (b == null) {
            return null;
        }
        String value = slash > 0 ? IpAddresses.format(b) + t.substring(slash) : IpAddresses.format(b);
        return valued(b.length == 4 ? "ipv4-addr" : "ipv6-addr", value);
    }

    /** A {@code domain-name}; an address given where a name was expected becomes an address object. */
    @Nullable
    String domain(@Nullable String text) {
        if (text == null || text.isBlank() || text.equals("-")) {
            return null;
        }
        String t = text.strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        String ip = ip(t);
        if (ip != null) {
            return ip;
        }
        if (t.isEmpty() || t.indexOf(' ') >= 0 || t.indexOf('/') >= 0) {
            return null;
        }
        return valued("domain-name", t.toLowerCase(Locale.ROOT));
    }

    @Nullable
    String url(@Nullable String text) {
        return text == null || text.isBlank() ? null : valued("url", text.strip());
    }

    @Nullable
    String email(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int lt = t.indexOf('<');
        int gt = t.indexOf('>');
        if (lt >= 0 && gt > lt) {
            t = t.substring(lt + 1, gt);
        }
        return t.indexOf('@') > 0 ? valued("email-addr", t) : null;
    }

    /** A {@code directory} for a path. */
    String directory(String path) {
        ObjectNode n = F.objectNode();
        n.put("path", path);
        return add("directory", n);
    }

    /**
     * A {@code file} with a name (the last segment of {@code path}, whose directory becomes {@code
     * parent_directory_ref}) and hashes ({@code MD5}, {@code SHA-1}, {@code SHA-256}, ...).
     */
    @Nullable
    String file(@Nullable String path, Map<String, String> hashes, @Nullable Long size, @Nullable String mimeType) {
        ObjectNode n = F.objectNode();
        if (!hashes.isEmpty()) {
            ObjectNode h = n.putObject("hashes");
            new TreeMap<>(hashes).forEach(h::put);
        }
        if (path != null && !path.isBlank()) {
            String p = path.strip();
            int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
            String name = cut >= 0 ? p.substring(cut + 1) : p;
            if (!name.isEmpty()) {
                n.put("name", name);
            }
            if (cut > 0) {
                String dir = directory(p.substring(0, cut));
                n.put("parent_directory_ref", dir);
            }
        }
        if (n.isEmpty()) {
            return null;
        }
        if (size != null && size >= 0) {
            n.put("size", size);
        }
        if (mimeType != null && !mimeType.isBlank()) {
            n.put("mime_type", mimeType);
        }
        return add("file", n);
    }

    /** A {@code network-traffic}; its id comes from the observation, since every connection is its own. */
    String traffic(ObjectNode properties) {
        return addWithId("network-traffic", properties, derived("network-traffic"));
    }

    /** A {@code process}; its id comes from the observation and the role ({@code process}, {@code parent}). */
    String process(ObjectNode properties, String role) {
        return addWithId("process", properties, derived(role));
    }

    String userAccount(String login) {
        ObjectNode n = F.objectNode();
        n.put("account_login", login);
        return add("user-account", n);
    }

    String registryKey(String key, @Nullable String valueName, @Nullable String data) {
        ObjectNode n = F.objectNode();
        n.put("key", key);
        if (valueName != null || data != null) {
            ObjectNode v = n.putArray("values").addObject();
            v.put("name", valueName == null ? "" : valueName);
            if (data != null) {
                v.put("data", data);
            }
        }
        return add("windows-registry-key", n);
    }

    String certificate(
            @Nullable String serial, @Nullable String subject, @Nullable String issuer, Map<String, String> hashes) {
        ObjectNode n = F.objectNode();
        if (!hashes.isEmpty()) {
            ObjectNode h = n.putObject("hashes");
            new TreeMap<>(hashes).forEach(h::put);
        }
        if (serial != null) {
            n.put("serial_number", serial);
        }
        if (subject != null) {
            n.put("subject", subject);
        }
        if (issuer != null) {
            n.put("issuer", issuer);
        }
        return add("x509-certificate", n);
    }

    String emailMessage(ObjectNode properties) {
        return addWithId("email-message", properties, derived("email-message"));
    }

    /** Adds a reference list entry {@code ref} to {@code property} of object {@code id}, once. */
    void addRef(String id, String property, String ref) {
        ObjectNode n = objects.get(id);
        if (n == null) {
            return;
        }
        JsonNode existing = n.get(property);
        ArrayNode list = existing instanceof ArrayNode a ? a : n.putArray(property);
        for (JsonNode r : list) {
            if (r.asText().equals(ref)) {
                return;
            }
        }
        list.add(ref);
    }

    private String valued(String type, String value) {
        ObjectNode n = F.objectNode();
        n.put("value", value);
        return add(type, n);
    }

    /** Adds an SCO with its STIX 2.1 deterministic id ({@link ScoIds}: over the type's id-contributing properties). */
    private String add(String type, ObjectNode properties) {
        ObjectNode n = F.objectNode();
        n.put("type", type);
        n.setAll(properties);
        return addWithId(type, properties, ScoIds.of(n));
    }

    private String addWithId(String type, ObjectNode properties, String id) {
        ObjectNode existing = objects.get(id);
        if (existing != null) {
            return id;
        }
        ObjectNode n = F.objectNode();
        n.put("type", type);
        n.put("spec_version", "2.1");
        n.put("id", id);
        n.setAll(properties);
        objects.put(id, n);
        return id;
    }

    private String derived(String role) {
        return StixIds.uuid5(SCO_NAMESPACE, observationKey + "|" + role + "|" + anonymous++)
                .toString();
    }
}
