package dev.harrier.analysis.sample;

import dev.harrier.core.Limits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the facts of a PE file from its headers and directories, without running or mapping it.
 *
 * <p>The DOS, COFF and optional headers and the section table must be readable, else the file is reported as a
 * broken PE. Each directory (imports, exports, resources, debug, security) and the Rich header are read on their
 * own: one that is broken is left out and reported as a problem naming its offset and field, the rest is kept.
 * Every table is bounded by {@link Limits#MAX_PE_TABLE_ENTRIES}.
 */
final class PeParser {
    private static final int DIR_EXPORT = 0;
    private static final int DIR_IMPORT = 1;
    private static final int DIR_RESOURCE = 2;
    private static final int DIR_SECURITY = 4;
    private static final int DIR_DEBUG = 6;
    private static final int MAX_NAME = 512;
    private static final int MAX_SIGNATURE_BYTES = 8 << 20;

    private final ByteSource src;
    private final List<String> problems;
    private final int maxEntries;

    private long peOffset;
    private int machine;
    private long timeDateStamp;
    private int characteristics;
    private boolean pe32Plus;
    private long sizeOfHeaders;
    private final long[] dirRva = new long[16];
    private final long[] dirSize = new long[16];
    private final long[] dirEntryOffset = new long[16];
    private final List<RawSection> sections = new ArrayList<>();
    /** Bytes left to read for section entropy: twice the file, so overlapping hostile sections cannot loop on it. */
    private long entropyBudget;

    private record RawSection(
            String name, long virtualAddress, long virtualSize, long rawSize, long rawPointer, long characteristics) {}

    private PeParser(ByteSource src, List<String> problems, int maxEntries) {
        this.src = src;
        this.problems = problems;
        this.maxEntries = maxEntries;
    }

    /** Whether the bytes start like a PE file ({@code MZ}). */
    static boolean looksLikePe(ByteSource src) {
        try {
            return src.size() >= 2 && src.u16(0, "DOS signature") == 0x5a4d;
        } catch (PeFormatException e) {
            return false;
        }
    }

    /**
     * The facts of a PE file; null when the headers are broken (the reason is added to {@code problems}). Problems
     * of single directories are added to {@code problems} too.
     */
    static @Nullable PeFacts parse(ByteSource src, List<String> problems, int maxEntries) {
        PeParser p = new PeParser(src, problems, maxEntries);
        p.entropyBudget = 2 * src.size() + (1 << 20);
        try {
            p.readHeaders();
        } catch (PeFormatException e) {
            problems.add("not a valid PE file: " + e.getMessage());
            return null;
        }
        return p.facts();
    }

    private void readHeaders() throws PeFormatException {
        if (src.u16(0, "DOS header e_magic") != 0x5a4d) {
            throw new PeFormatException(0, "DOS header e_magic", "not MZ");
        }
        peOffset = src.u32(0x3c, "DOS header e_lfanew");
        if (src.u32(peOffset, "PE signature") != 0x4550) {
            throw new PeFormatException(peOffset, "PE signature", "not PE\\0\\0");
        }
        long coff = peOffset + 4;
        machine = src.u16(coff, "COFF header Machine");
        int numberOfSections = src.u16(coff + 2, "COFF header NumberOfSections");
        timeDateStamp = src.u32(coff + 4, "COFF header TimeDateStamp");
        int sizeOfOptionalHeader = src.u16(coff + 16, "COFF header SizeOfOptionalHeader");
        characteristics = src.u16(coff + 18, "COFF header Characteristics");
        long opt = coff + 20;
        int magic = src.u16(opt, "optional header Magic");
        if (magic != 0x10b && magic != 0x20b) {
            throw new PeFormatException(
                    opt, "optional header Magic", String.format(Locale.ROOT, "0x%x is neither PE32 nor PE32+", magic));
        }
        pe32Plus = magic == 0x20b;
        sizeOfHeaders = src.u32(opt + 60, "optional header SizeOfHeaders");
        long countAt = opt + (pe32Plus ? 108 : 92);
        long dirs = opt + (pe32Plus ? 112 : 96);
        long count = src.u32(countAt, "optional header NumberOfRvaAndSizes");
        int n = (int) Math.min(count, 16);
        for (int i = 0; i < n; i++) {
            long at = dirs + 8L * i;
            if (at + 8 > opt + sizeOfOptionalHeader) {
                break;
            }
            dirEntryOffset[i] = at;
            dirRva[i] = src.u32(at, "data directory " + i + " VirtualAddress");
            dirSize[i] = src.u32(at + 4, "data directory " + i + " Size");
        }
        long table = opt + sizeOfOptionalHeader;
        for (int i = 0; i < Math.min(numberOfSections, maxEntries); i++) {
            long at = table + 40L * i;
            String field = "section header " + i;
            byte[] rawName = src.bytes(at, 8, field + " Name");
            int len = 0;
            while (len < 8 && rawName[len] != 0) {
                len++;
            }
            sections.add(new RawSection(
                    new String(rawName, 0, len, StandardCharsets.ISO_8859_1),
                    src.u32(at + 12, field + " VirtualAddress"),
                    src.u32(at + 8, field + " VirtualSize"),
                    src.u32(at + 16, field + " SizeOfRawData"),
                    src.u32(at + 20, field + " PointerToRawData"),
                    src.u32(at + 36, field + " Characteristics")));
        }
    }

    private PeFacts facts() {
        List<PeSection> sectionFacts = new ArrayList<>();
        for (RawSection s : sections) {
            sectionFacts.add(new PeSection(
                    s.name(), s.virtualAddress(), s.virtualSize(), s.rawSize(), entropy(s), s.characteristics()));
        }
        String imphash = null;
        int importCount = 0;
        if (dirRva[DIR_IMPORT] != 0) {
            try {
                List<String> imports = imports();
                importCount = imports.size();
                imphash = imports.isEmpty() ? null : md5Hex(String.join(",", imports));
            } catch (PeFormatException e) {
                problems.add("import table: " + e.getMessage());
            }
        }
        List<String> exports = List.of();
        if (dirRva[DIR_EXPORT] != 0) {
            try {
                exports = exports();
            } catch (PeFormatException e) {
                problems.add("export table: " + e.getMessage());
            }
        }
        int resources = 0;
        if (dirRva[DIR_RESOURCE] != 0) {
            try {
                resources = resources();
            } catch (PeFormatException e) {
                problems.add("resource table: " + e.getMessage());
            }
        }
        String[] pdb = {null, null};
        if (dirRva[DIR_DEBUG] != 0) {
            try {
                pdb = debug();
            } catch (PeFormatException e) {
                problems.add("debug directory: " + e.getMessage());
            }
        }
        String rich = null;
        try {
            rich = richHeaderHash();
        } catch (PeFormatException e) {
            problems.add("Rich header: " + e.getMessage());
        }
        CodeSigner signer = null;
        if (dirRva[DIR_SECURITY] != 0) {
            try {
                signer = signer();
            } catch (PeFormatException e) {
                problems.add("security directory: " + e.getMessage());
            }
        }
        return new PeFacts(
                machineName(machine),
                (characteristics & 0x2000) != 0,
                timeDateStamp == 0 ? null : Instant.ofEpochSecond(timeDateStamp),
                pdb[0],
                pdb[1],
                imphash,
                importCount,
                rich,
                sectionFacts,
                exports,
                resources,
                signer);
    }

    static String machineName(int machine) {
        return switch (machine) {
            case 0x14c -> "I386";
            case 0x8664 -> "AMD64";
            case 0xaa64 -> "ARM64";
            case 0x1c0 -> "ARM";
            case 0x1c4 -> "ARMNT";
            case 0x200 -> "IA64";
            case 0xebc -> "EBC";
            case 0 -> "UNKNOWN";
            default -> String.format(Locale.ROOT, "0x%04x", machine);
        };
    }

    /** The file offset of an RVA; {@code field} names the pointer for the error. */
    private long offsetOf(long rva, String field) throws PeFormatException {
        for (RawSection s : sections) {
            long span = Math.max(s.virtualSize(), s.rawSize());
            if (rva >= s.virtualAddress() && rva - s.virtualAddress() < span) {
                long delta = rva - s.virtualAddress();
                if (delta >= s.rawSize()) {
                    throw new PeFormatException(
                            s.rawPointer() + delta,
                            field,
                            String.format(
                                    Locale.ROOT,
                                    "RVA 0x%x lies in the uninitialised part of section %s",
                                    rva,
                                    s.name()));
                }
                return s.rawPointer() + delta;
            }
        }
        if (rva < sizeOfHeaders || sections.isEmpty()) {
            return rva;
        }
        throw new PeFormatException(rva, field, String.format(Locale.ROOT, "RVA 0x%x lies in no section", rva));
    }

    private double entropy(RawSection s) {
        long ptr = s.rawPointer();
        long len = s.rawSize();
        if (len == 0) {
            return 0;
        }
        if (!src.has(ptr, len)) {
            problems.add(String.format(
                    Locale.ROOT,
                    "section %s: raw data at offset 0x%x (%d bytes) runs past the end of the file (0x%x); entropy of"
                            + " the part present",
                    s.name(),
                    ptr,
                    len,
                    src.size()));
            len = Math.max(0, src.size() - ptr);
            if (len == 0) {
                return 0;
            }
        }
        if (len > entropyBudget) {
            problems.add(String.format(
                    Locale.ROOT,
                    "section %s: entropy not computed: the sections' raw data add up to more than twice the file"
                            + " (overlapping sections)",
                    s.name()));
            return 0;
        }
        entropyBudget -= len;
        long[] counts = new long[256];
        long done = 0;
        try {
            while (done < len) {
                int chunk = (int) Math.min(1 << 16, len - done);
                byte[] b = src.bytes(ptr + done, chunk, "section " + s.name() + " raw data");
                for (byte x : b) {
                    counts[x & 0xff]++;
                }
                done += chunk;
            }
        } catch (PeFormatException e) {
            problems.add(e.getMessage());
            return 0;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / done;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    /** {@code dll.function} strings in pefile's imphash form. */
    private List<String> imports() throws PeFormatException {
        List<String> out = new ArrayList<>();
        long base = offsetOf(dirRva[DIR_IMPORT], "import directory VirtualAddress");
        int thunkSize = pe32Plus ? 8 : 4;
        for (int i = 0; ; i++) {
            if (i >= maxEntries || out.size() >= maxEntries) {
                problems.add("import table: more than " + maxEntries + " entries; the rest is not read");
                break;
            }
            long d = base + 20L * i;
            String field = "import descriptor " + i;
            long originalFirstThunk = src.u32(d, field + " OriginalFirstThunk");
            long nameRva = src.u32(d + 12, field + " Name");
            long firstThunk = src.u32(d + 16, field + " FirstThunk");
            if (originalFirstThunk == 0 && nameRva == 0 && firstThunk == 0) {
                break;
            }
            String fullName = src.cString(offsetOf(nameRva, field + " Name"), MAX_NAME, field + " DLL name")
                    .toLowerCase(Locale.ROOT);
            String dll = fullName;
            int dot = dll.lastIndexOf('.');
            if (dot >= 0 && Set.of("ocx", "sys", "dll").contains(dll.substring(dot + 1))) {
                dll = dll.substring(0, dot);
            }
            long thunkRva = originalFirstThunk != 0 ? originalFirstThunk : firstThunk;
            long thunks = offsetOf(thunkRva, field + " thunks");
            for (int j = 0; ; j++) {
                if (out.size() >= maxEntries) {
                    break;
                }
                long at = thunks + (long) thunkSize * j;
                String tf = field + " thunk " + j;
                long thunk = pe32Plus ? src.u64(at, tf) : src.u32(at, tf);
                if (thunk == 0) {
                    break;
                }
                boolean byOrdinal = pe32Plus ? thunk < 0 : (thunk & 0x80000000L) != 0;
                String function;
                if (byOrdinal) {
                    String known = OrdinalNames.name(fullName, thunk & 0xffff);
                    function = known != null ? known : "ord" + (thunk & 0xffff);
                } else {
                    long hintName = offsetOf(thunk & 0x7fffffffL, tf + " hint/name");
                    function = src.cString(hintName + 2, MAX_NAME, tf + " function name");
                }
                out.add(dll + "." + function.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private List<String> exports() throws PeFormatException {
        long d = offsetOf(dirRva[DIR_EXPORT], "export directory VirtualAddress");
        long base = src.u32(d + 16, "export directory Base");
        long numberOfFunctions = src.u32(d + 20, "export directory NumberOfFunctions");
        long numberOfNames = src.u32(d + 24, "export directory NumberOfNames");
        long functions = src.u32(d + 28, "export directory AddressOfFunctions");
        long names = src.u32(d + 32, "export directory AddressOfNames");
        long ordinals = src.u32(d + 36, "export directory AddressOfNameOrdinals");
        if (numberOfNames > maxEntries || numberOfFunctions > maxEntries) {
            problems.add("export table: more than " + maxEntries + " entries; only the first are read");
        }
        List<String> out = new ArrayList<>();
        Set<Integer> named = new HashSet<>();
        int nNames = (int) Math.min(numberOfNames, maxEntries);
        if (nNames > 0) {
            long namesAt = offsetOf(names, "export directory AddressOfNames");
            long ordinalsAt = offsetOf(ordinals, "export directory AddressOfNameOrdinals");
            for (int i = 0; i < nNames; i++) {
                long nameRva = src.u32(namesAt + 4L * i, "export name pointer " + i);
                out.add(src.cString(offsetOf(nameRva, "export name " + i), MAX_NAME, "export name " + i));
                named.add(src.u16(ordinalsAt + 2L * i, "export name ordinal " + i));
            }
        }
        int nFunctions = (int) Math.min(numberOfFunctions, maxEntries);
        if (nFunctions > named.size()) {
            long functionsAt = offsetOf(functions, "export directory AddressOfFunctions");
            for (int i = 0; i < nFunctions && out.size() < maxEntries; i++) {
                if (!named.contains(i) && src.u32(functionsAt + 4L * i, "export function " + i) != 0) {
                    out.add("ord" + (base + i));
                }
            }
        }
        return out;
    }

    private int resources() throws PeFormatException {
        long root = offsetOf(dirRva[DIR_RESOURCE], "resource directory VirtualAddress");
        int[] budget = {maxEntries};
        return resourceDirectory(root, root, 0, new HashSet<>(), budget);
    }

    private int resourceDirectory(long root, long dir, int depth, Set<Long> seen, int[] budget)
            throws PeFormatException {
        if (depth > 8 || !seen.add(dir)) {
            problems.add(String.format(
                    Locale.ROOT, "resource table: directory at offset 0x%x loops or nests too deep; skipped", dir));
            return 0;
        }
        int named = src.u16(dir + 12, "resource directory NumberOfNamedEntries");
        int ids = src.u16(dir + 14, "resource directory NumberOfIdEntries");
        int count = 0;
        for (int i = 0; i < named + ids; i++) {
            if (--budget[0] < 0) {
                problems.add("resource table: more than " + maxEntries + " entries; the rest is not read");
                return count;
            }
            long e = dir + 16 + 8L * i;
            long target = src.u32(e + 4, "resource entry OffsetToData");
            if ((target & 0x80000000L) != 0) {
                count += resourceDirectory(root, root + (target & 0x7fffffffL), depth + 1, seen, budget);
            } else {
                src.u32(root + target, "resource data entry OffsetToData");
                count++;
            }
        }
        return count;
    }

    /** {PDB path, GUID} of the first CodeView record. */
    private String[] debug() throws PeFormatException {
        long d = offsetOf(dirRva[DIR_DEBUG], "debug directory VirtualAddress");
        long n = Math.min(dirSize[DIR_DEBUG] / 28, maxEntries);
        for (int i = 0; i < n; i++) {
            long e = d + 28L * i;
            String field = "debug entry " + i;
            long type = src.u32(e + 12, field + " Type");
            if (type != 2) {
                continue;
            }
            long size = src.u32(e + 16, field + " SizeOfData");
            long rva = src.u32(e + 20, field + " AddressOfRawData");
            long ptr = src.u32(e + 24, field + " PointerToRawData");
            long at = ptr != 0 ? ptr : offsetOf(rva, field + " AddressOfRawData");
            long sig = src.u32(at, "CodeView signature");
            if (sig == 0x53445352L) { // RSDS
                byte[] g = src.bytes(at + 4, 16, "CodeView RSDS GUID");
                String path = utf8(src, at + 24, (int) Math.min(Math.max(size - 24, 1), 4096), "CodeView RSDS path");
                return new String[] {path, guid(g)};
            } else if (sig == 0x3031424eL) { // NB10
                String path = utf8(src, at + 16, (int) Math.min(Math.max(size - 16, 1), 4096), "CodeView NB10 path");
                return new String[] {path, null};
            } else {
                throw new PeFormatException(at, "CodeView signature", "neither RSDS nor NB10");
            }
        }
        return new String[] {null, null};
    }

    private static String utf8(ByteSource src, long at, int max, String field) throws PeFormatException {
        String latin = src.cString(at, max, field);
        return new String(latin.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static String guid(byte[] g) {
        HexFormat hex = HexFormat.of().withUpperCase();
        StringBuilder sb = new StringBuilder(36);
        for (int i = 3; i >= 0; i--) {
            sb.append(hex.toHexDigits(g[i]));
        }
        sb.append('-').append(hex.toHexDigits(g[5])).append(hex.toHexDigits(g[4]));
        sb.append('-').append(hex.toHexDigits(g[7])).append(hex.toHexDigits(g[6]));
        sb.append('-').append(hex.formatHex(g, 8, 10));
        sb.append('-').append(hex.formatHex(g, 10, 16));
        return sb.toString();
    }

    /** MD5 of the decoded Rich header, from {@code DanS} up to {@code Rich}, as pefile computes it. */
    private @Nullable String richHeaderHash() throws PeFormatException {
        long end = Math.min(Math.min(peOffset, src.size()), 4096);
        if (end < 0x48) {
            return null;
        }
        byte[] head = src.bytes(0, (int) end, "DOS stub");
        int rich = -1;
        for (int i = 0x40; i + 8 <= head.length; i += 4) {
            if (head[i] == 'R' && head[i + 1] == 'i' && head[i + 2] == 'c' && head[i + 3] == 'h') {
                rich = i;
                break;
            }
        }
        if (rich < 0) {
            return null;
        }
        int key = le32(head, rich + 4);
        int dans = -1;
        for (int i = rich - 4; i >= 0x40; i -= 4) {
            if ((le32(head, i) ^ key) == 0x536e6144) {
                dans = i;
                break;
            }
        }
        if (dans < 0) {
            throw new PeFormatException(rich, "Rich header", "no DanS marker before the Rich marker");
        }
        byte[] clear = new byte[rich - dans];
        for (int i = 0; i < clear.length; i++) {
            clear[i] = (byte) (head[dans + i] ^ (key >>> (8 * (i & 3))));
        }
        return md5Hex(clear);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private @Nullable CodeSigner signer() throws PeFormatException {
        long at = dirRva[DIR_SECURITY]; // a file offset, not an RVA
        long end = at + dirSize[DIR_SECURITY];
        if (!src.has(at, dirSize[DIR_SECURITY])) {
            throw new PeFormatException(
                    dirEntryOffset[DIR_SECURITY],
                    "security directory",
                    String.format(
                            Locale.ROOT,
                            "0x%x bytes at offset 0x%x run past the end of the file (0x%x)",
                            dirSize[DIR_SECURITY],
                            at,
                            src.size()));
        }
        for (int i = 0; at + 8 <= end && i < maxEntries; i++) {
            long length = src.u32(at, "WIN_CERTIFICATE dwLength");
            int type = src.u16(at + 6, "WIN_CERTIFICATE wCertificateType");
            if (length < 8 || length > end - at) {
                throw new PeFormatException(at, "WIN_CERTIFICATE dwLength", "length " + length + " out of range");
            }
            if (type == 2) {
                if (length - 8 > MAX_SIGNATURE_BYTES) {
                    throw new PeFormatException(at, "WIN_CERTIFICATE dwLength", "signature larger than 8 MiB");
                }
                byte[] pkcs7 = src.bytes(at + 8, (int) (length - 8), "WIN_CERTIFICATE bCertificate");
                return Authenticode.signer(pkcs7, at + 8);
            }
            at += (length + 7) & ~7L;
        }
        return null;
    }

    static String md5Hex(String s) {
        return md5Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    static String md5Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the Java platform", e);
        }
    }
}
