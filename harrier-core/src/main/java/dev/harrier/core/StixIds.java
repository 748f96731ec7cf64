package dev.harrier.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * STIX identifiers ({@code type--uuid}) and the deterministic (UUIDv5) identifiers Harrier gives to objects it
 * derives from non-STIX sources, so that importing the same MISP file or IOC list twice yields the same ids.
 */
public final class StixIds {
    /** The namespace of Harrier's derived identifiers. */
    public static final UUID HARRIER_NAMESPACE = UUID.fromString("7d3c6f6a-2f0e-5a51-9c1e-6861727269e5");

    private static final Pattern TYPE = Pattern.compile("^([a-z][a-z0-9-]+[a-z0-9])$");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private StixIds() {}

    /** Whether {@code type} is a valid STIX type name (3-250 chars, lowercase ASCII, digits and hyphens). */
    public static boolean isValidType(String type) {
        return type.length() >= 3 && type.length() <= 250 && TYPE.matcher(type).matches() && !type.contains("--");
    }

    /** Whether {@code id} is {@code <type>--<uuid>} for the given type. */
    public static boolean isValidId(String id, String type) {
        return id.startsWith(type + "--")
                && UUID_PATTERN.matcher(id.substring(type.length() + 2)).matches();
    }

    /** The type part of an id, or the empty string when the id has no {@code --}. */
    public static String typeOf(String id) {
        int i = id.indexOf("--");
        return i < 0 ? "" : id.substring(0, i);
    }

    /** A deterministic id for an object of {@code type} derived from {@code key} (UUIDv5 in Harrier's namespace). */
    public static String derived(String type, String key) {
        return type + "--" + uuid5(HARRIER_NAMESPACE, type + "|" + key);
    }

    /** An id of {@code type} with the given UUID (for sources such as MISP that have their own UUIDs). */
    public static String withUuid(String type, String uuid) {
        return type + "--" + uuid.toLowerCase(Locale.ROOT);
    }

    /** RFC 4122 version-5 UUID of {@code name} in {@code namespace}. */
    public static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(namespace));
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (h[i] & 0xff);
            }
            for (int i = 8; i < 16; i++) {
                lsb = (lsb << 8) | (h[i] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the Java platform", e);
        }
    }

    private static byte[] toBytes(UUID u) {
        byte[] b = new byte[16];
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }
}
