package dev.harrier.analysis.sample;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small, valid PE files for tests: DOS header and stub, an optional Rich header, COFF and optional headers
 * (PE32 or PE32+), and the sections {@code .text}, {@code .rdata} (import table, export table, debug directory with
 * an RSDS record) and {@code .rsrc} (resource tree), plus a security directory holding a PKCS#7 blob.
 */
final class PeBuilder {
    private boolean pe32Plus = true;
    private boolean dll;
    private long timeDateStamp = 0x5f5e1000L;
    private final Map<String, List<String>> imports = new LinkedHashMap<>();
    private String exportName = "";
    private final List<String> exports = new ArrayList<>();
    private String pdbPath;
    private byte[] pdbGuid = new byte[16];
    private int richKey;
    private int[] richEntries;
    private int resources;
    private byte[] signature;
    private byte[] text = new byte[0x200];

    PeBuilder pe32() {
        pe32Plus = false;
        return this;
    }

    PeBuilder dll() {
        dll = true;
        return this;
    }

    PeBuilder timeDateStamp(long t) {
        timeDateStamp = t;
        return this;
    }

    /** Imports {@code functions} from {@code dllName}; a function {@code #N} is imported by ordinal N. */
    PeBuilder imports(String dllName, String... functions) {
        imports.put(dllName, List.of(functions));
        return this;
    }

    PeBuilder exports(String dllName, String... names) {
        exportName = dllName;
        exports.addAll(List.of(names));
        return this;
    }

    PeBuilder pdb(String path, byte[] guid) {
        pdbPath = path;
        pdbGuid = guid.clone();
        return this;
    }

    /** A Rich header with this XOR key and (comp.id, count) pairs. */
    PeBuilder rich(int key, int... compIdCountPairs) {
        richKey = key;
        richEntries = compIdCountPairs.clone();
        return this;
    }

    PeBuilder resources(int count) {
        resources = count;
        return this;
    }

    PeBuilder signature(byte[] pkcs7) {
        signature = pkcs7.clone();
        return this;
    }

    PeBuilder text(byte[] code) {
        text = Arrays.copyOf(code, align(Math.max(code.length, 1), 0x200));
        return this;
    }

    /** The decoded Rich header bytes ({@code DanS} to before {@code Rich}), to hash independently in tests. */
    byte[] richClearData() {
        Buf b = new Buf();
        b.u32(0x536e6144);
        b.u32(0);
        b.u32(0);
        b.u32(0);
        for (int e : richEntries) {
            b.u32(e);
        }
        return b.bytes();
    }

    private static int align(int v, int a) {
        return (v + a - 1) / a * a;
    }

    /** A little-endian growable buffer with patching. */
    static final class Buf {
        private byte[] b = new byte[256];
        private int len;

        int pos() {
            return len;
        }

        private void ensure(int n) {
            if (n > b.length) {
                b = Arrays.copyOf(b, Math.max(n, b.length * 2));
            }
            len = Math.max(len, n);
        }

        Buf u8(int v) {
            ensure(len + 1);
            b[len - 1] = (byte) v;
            return this;
        }

        Buf u16(int v) {
            return u8(v).u8(v >>> 8);
        }

        Buf u32(long v) {
            return u16((int) v & 0xffff).u16((int) (v >>> 16) & 0xffff);
        }

        Buf u64(long v) {
            return u32(v & 0xffffffffL).u32(v >>> 32);
        }

        Buf bytes(byte[] x) {
            int at = len;
            ensure(len + x.length);
            System.arraycopy(x, 0, b, at, x.length);
            return this;
        }

        Buf cstr(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8)).u8(0);
        }

        Buf pad(int alignment) {
            ensure(align(len, alignment));
            return this;
        }

        Buf zeros(int n) {
            ensure(len + n);
            return this;
        }

        void put32(int at, long v) {
            for (int i = 0; i < 4; i++) {
                b[at + i] = (byte) (v >>> (8 * i));
            }
        }

        void put64(int at, long v) {
            put32(at, v & 0xffffffffL);
            put32(at + 4, v >>> 32);
        }

        byte[] bytes() {
            return Arrays.copyOf(b, len);
        }
    }

    private int rdataRva;

    byte[] build() {
        rdataRva = 0x1000 + align(text.length, 0x1000);
        // .rdata: imports, exports, debug
        Buf r = new Buf();
        int importRva = 0;
        int importSize = 0;
        if (!imports.isEmpty()) {
            int descriptors = r.pos();
            r.zeros(20 * (imports.size() + 1));
            importRva = rdataRva + descriptors;
            importSize = 20 * (imports.size() + 1);
            int i = 0;
            for (Map.Entry<String, List<String>> e : imports.entrySet()) {
                int thunk = pe32Plus ? 8 : 4;
                r.pad(8);
                int ilt = r.pos();
                r.zeros(thunk * (e.getValue().size() + 1));
                int iat = r.pos();
                r.zeros(thunk * (e.getValue().size() + 1));
                int name = r.pos();
                r.cstr(e.getKey());
                for (int j = 0; j < e.getValue().size(); j++) {
                    String f = e.getValue().get(j);
                    long value;
                    if (f.startsWith("#")) {
                        long ord = Long.parseLong(f.substring(1));
                        value = pe32Plus ? (ord | Long.MIN_VALUE) : (ord | 0x80000000L);
                    } else {
                        r.pad(2);
                        value = (long) rdataRva + r.pos();
                        r.u16(j).cstr(f);
                    }
                    if (pe32Plus) {
                        r.put64(ilt + 8 * j, value);
                        r.put64(iat + 8 * j, value);
                    } else {
                        r.put32(ilt + 4 * j, value);
                        r.put32(iat + 4 * j, value);
                    }
                }
                int d = descriptors + 20 * i;
                r.put32(d, rdataRva + ilt);
                r.put32(d + 12, rdataRva + name);
                r.put32(d + 16, rdataRva + iat);
                i++;
            }
        }
        int exportRva = 0;
        int exportSize = 0;
        if (!exports.isEmpty()) {
            r.pad(8);
            int dir = r.pos();
            r.zeros(40);
            int functions = r.pos();
            for (int i = 0; i < exports.size(); i++) {
                r.u32(0x1000 + i);
            }
            int names = r.pos();
            r.zeros(4 * exports.size());
            int ordinals = r.pos();
            for (int i = 0; i < exports.size(); i++) {
                r.u16(i);
            }
            int dllName = r.pos();
            r.cstr(exportName);
            for (int i = 0; i < exports.size(); i++) {
                r.put32(names + 4 * i, rdataRva + r.pos());
                r.cstr(exports.get(i));
            }
            r.put32(dir + 12, rdataRva + dllName);
            r.put32(dir + 16, 1);
            r.put32(dir + 20, exports.size());
            r.put32(dir + 24, exports.size());
            r.put32(dir + 28, rdataRva + functions);
            r.put32(dir + 32, rdataRva + names);
            r.put32(dir + 36, rdataRva + ordinals);
            exportRva = rdataRva + dir;
            exportSize = r.pos() - dir;
        }
        int debugRva = 0;
        int debugEntry = -1;
        int rsds = -1;
        int rsdsSize = 0;
        if (pdbPath != null) {
            r.pad(8);
            debugEntry = r.pos();
            r.zeros(28);
            rsds = r.pos();
            r.bytes("RSDS".getBytes(StandardCharsets.US_ASCII))
                    .bytes(pdbGuid)
                    .u32(1)
                    .cstr(pdbPath);
            rsdsSize = r.pos() - rsds;
            r.put32(debugEntry + 12, 2);
            r.put32(debugEntry + 16, rsdsSize);
            r.put32(debugEntry + 20, rdataRva + rsds);
            debugRva = rdataRva + debugEntry;
        }
        if (r.pos() == 0) {
            r.zeros(16);
        }
        byte[] rdata = Arrays.copyOf(r.bytes(), align(r.pos(), 0x200));
        int rdataVirtualSize = r.pos();
        int rsrcRva = rdataRva + align(rdata.length, 0x1000);

        // .rsrc: root -> type 10 -> N names -> language -> data entry
        byte[] rsrc = null;
        if (resources > 0) {
            Buf s = new Buf();
            s.zeros(12).u16(0).u16(1); // root with one id entry
            int rootEntry = s.pos();
            s.zeros(8);
            int typeDir = s.pos();
            s.zeros(12).u16(0).u16(resources);
            int typeEntries = s.pos();
            s.zeros(8 * resources);
            s.put32(rootEntry, 10);
            s.put32(rootEntry + 4, 0x80000000L | typeDir);
            for (int i = 0; i < resources; i++) {
                int langDir = s.pos();
                s.zeros(12).u16(0).u16(1);
                int langEntry = s.pos();
                s.zeros(8);
                int data = s.pos();
                s.u32(rsrcRva + data + 16).u32(4).u32(0).u32(0);
                s.u32(0x41424344L);
                s.put32(langEntry, 0x409);
                s.put32(langEntry + 4, data);
                s.put32(typeEntries + 8 * i, i + 1);
                s.put32(typeEntries + 8 * i + 4, 0x80000000L | langDir);
            }
            rsrc = Arrays.copyOf(s.bytes(), align(s.pos(), 0x200));
        }

        // headers
        Buf h = new Buf();
        h.u16(0x5a4d).zeros(0x3a).u32(0); // e_lfanew patched below
        h.bytes("This program cannot be run in DOS mode.\r\r\n$".getBytes(StandardCharsets.US_ASCII));
        h.pad(0x80);
        while (h.pos() < 0x80) {
            h.u8(0);
        }
        if (richEntries != null) {
            h.u32(0x536e6144 ^ richKey).u32(richKey).u32(richKey).u32(richKey);
            for (int e : richEntries) {
                h.u32(e ^ richKey);
            }
            h.bytes("Rich".getBytes(StandardCharsets.US_ASCII)).u32(richKey);
        }
        h.pad(16);
        int pe = h.pos();
        h.put32(0x3c, pe);
        int sectionCount = 2 + (rsrc != null ? 1 : 0);
        h.u32(0x4550);
        h.u16(pe32Plus ? 0x8664 : 0x14c)
                .u16(sectionCount)
                .u32(timeDateStamp)
                .u32(0)
                .u32(0);
        h.u16(pe32Plus ? 240 : 224).u16(dll ? 0x2022 : 0x0022);
        int opt = h.pos();
        h.u16(pe32Plus ? 0x20b : 0x10b).u8(14).u8(0);
        h.u32(0x200).u32(rdata.length).u32(0).u32(0x1000).u32(0x1000);
        if (pe32Plus) {
            h.u64(0x140000000L);
        } else {
            h.u32(rdataRva).u32(0x400000);
        }
        h.u32(0x1000).u32(0x200).u16(6).u16(0).u16(0).u16(0).u16(6).u16(0).u32(0);
        int sizeOfImage = (rsrc != null ? rsrcRva + 0x1000 : rsrcRva);
        h.u32(sizeOfImage).u32(0x400).u32(0).u16(3).u16(0x8160);
        if (pe32Plus) {
            h.u64(0x100000).u64(0x1000).u64(0x100000).u64(0x1000);
        } else {
            h.u32(0x100000).u32(0x1000).u32(0x100000).u32(0x1000);
        }
        h.u32(0).u32(16);
        int dirs = h.pos();
        h.zeros(16 * 8);
        if (h.pos() - opt != (pe32Plus ? 240 : 224)) {
            throw new IllegalStateException("optional header size " + (h.pos() - opt));
        }
        h.put32(dirs, exportRva);
        h.put32(dirs + 4, exportSize);
        h.put32(dirs + 8, importRva);
        h.put32(dirs + 12, importSize);
        if (rsrc != null) {
            h.put32(dirs + 16, rsrcRva);
            h.put32(dirs + 20, rsrc.length);
        }
        if (debugRva != 0) {
            h.put32(dirs + 48, debugRva);
            h.put32(dirs + 52, 28);
        }
        int securityDir = dirs + 32;
        int rdataRaw = 0x400 + text.length;
        int rsrcRaw = rdataRaw + rdata.length;
        section(h, ".text", text.length, 0x1000, text.length, 0x400, 0x60000020L);
        section(h, ".rdata", rdataVirtualSize, rdataRva, rdata.length, rdataRaw, 0x40000040L);
        if (rsrc != null) {
            section(h, ".rsrc", rsrc.length, rsrcRva, rsrc.length, rsrcRaw, 0x40000040L);
        }
        if (h.pos() > 0x400) {
            throw new IllegalStateException("headers too large");
        }
        h.pad(0x400);
        while (h.pos() < 0x400) {
            h.u8(0);
        }
        if (debugEntry >= 0) {
            // PointerToRawData of the debug entry: file offset of the RSDS record
            rdata = rdata.clone();
            Buf tmp = new Buf();
            tmp.bytes(rdata);
            tmp.put32(debugEntry + 24, rdataRaw + rsds);
            rdata = tmp.bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.bytes());
        out.writeBytes(text);
        out.writeBytes(rdata);
        if (rsrc != null) {
            out.writeBytes(rsrc);
        }
        byte[] file = out.toByteArray();
        if (signature != null) {
            int at = align(file.length, 8);
            int len = 8 + signature.length;
            Buf w = new Buf();
            w.bytes(file)
                    .zeros(at - file.length)
                    .u32(len)
                    .u16(0x0200)
                    .u16(2)
                    .bytes(signature)
                    .pad(8);
            w.put32(securityDir, at);
            w.put32(securityDir + 4, align(len, 8));
            file = w.bytes();
        }
        return file;
    }

    private static void section(Buf h, String name, int virtualSize, int rva, int rawSize, int raw, long flags) {
        byte[] n = Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), 8);
        h.bytes(n)
                .u32(virtualSize)
                .u32(rva)
                .u32(rawSize)
                .u32(raw)
                .u32(0)
                .u32(0)
                .u16(0)
                .u16(0)
                .u32(flags);
    }
}
