package dev.harrier.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PE facts of generated files, checked against values computed independently from the definitions (and, during
 * development, cross-checked with pefile 2023.2.7 and ssdeep 2.14.1).
 */
class SampleInspectorTest {
    static final byte[] GUID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static final String PDB = "C:\\Users\\alex\\source\\repos\\Loader\\x64\\Release\\Loader.pdb";

    /*
     * Fixtures (src/test/resources/sample), made once with openssl 3 and osslsigncode from two self-signed test
     * certificates whose keys were thrown away:
     *   authenticode-a.p7b  the Authenticode signature (SpcIndirectDataContent) osslsigncode wrote into a PE signed
     *                       with certificate a (`osslsigncode extract-signature`)
     *   signed-a.p7b        a CMS SignedData over a text, signed with certificate a (`openssl cms -sign -binary`)
     *   certs-b.p7b         a bare certificate bag holding certificate b (`openssl crl2pkcs7 -nocrl`)
     */

    /** The fixture's self-signed certificate "Harrier Test Signer a": `openssl x509 -outform DER | sha256sum`. */
    static final String SIGNER_A_SHA256 = "bed20b006861fbdbc0748be5c91d38d6ed8085d62f25585d9609663ca57841bc";

    static final String SIGNER_B_SHA256 = "4746f65b925f7475a7ffe3f2f1850f8070d6df1ecb71106998a71467a08919fb";

    static byte[] resource(String name) {
        try (InputStream in =
                Objects.requireNonNull(SampleInspectorTest.class.getResourceAsStream("/sample/" + name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DLL with imports (one by ordinal), exports, a PDB path, a Rich header, resources and a signature. */
    static PeBuilder fullBuilder() {
        return new PeBuilder()
                .dll()
                .timeDateStamp(0x60000000L)
                .imports("KERNEL32.dll", "CreateFileW", "ExitProcess")
                .imports("WS2_32.dll", "#23", "connect")
                .imports("advapi32.DLL", "RegOpenKeyExW")
                .exports("evil.dll", "Start", "Run")
                .pdb(PDB, GUID)
                .rich(0x12345678, 0x00010000 | 30729, 5, 0x00930000 | 27412, 12)
                .resources(3)
                .signature(resource("authenticode-a.p7b"));
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void readsEveryFactOfAGeneratedDll() throws Exception {
        PeBuilder builder = fullBuilder();
        byte[] file = builder.build();
        SampleReport r = new SampleInspector().inspect("loader.dll", file);

        assertThat(r.problems()).isEmpty();
        assertThat(r.size()).isEqualTo(file.length);
        assertThat(r.hashes().md5()).isEqualTo(md5(file));
        assertThat(r.hashes().sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        assertThat(r.hashes().ssdeep()).isEqualTo(FuzzyHash.of(file));
        PeFacts pe = Objects.requireNonNull(r.pe());
        assertThat(pe.machine()).isEqualTo("AMD64");
        assertThat(pe.dll()).isTrue();
        assertThat(pe.compileTime()).isEqualTo(Instant.ofEpochSecond(0x60000000L));
        assertThat(pe.pdbPath()).isEqualTo(PDB);
        assertThat(pe.pdbGuid()).isEqualTo("04030201-0605-0807-090A-0B0C0D0E0F10");
        // pefile's definition: dll without .dll/.ocx/.sys, lower case; ws2_32 ordinal 23 is socket
        String imports =
                "kernel32.createfilew,kernel32.exitprocess,ws2_32.socket,ws2_32.connect,advapi32.regopenkeyexw";
        assertThat(pe.imphash()).isEqualTo(md5(imports.getBytes(StandardCharsets.US_ASCII)));
        assertThat(pe.imphash()).isEqualTo("f45b10517d364a9118c9e4f4b87e2fe4"); // pefile.get_imphash()
        assertThat(pe.importCount()).isEqualTo(5);
        assertThat(pe.richHeaderHash()).isEqualTo(md5(builder.richClearData()));
        assertThat(pe.richHeaderHash()).isEqualTo("8763b76f89f25f021d43c992450425bf"); // pefile
        assertThat(pe.sections()).extracting(PeSection::name).containsExactly(".text", ".rdata", ".rsrc");
        assertThat(pe.sections().get(0).entropy()).isZero(); // .text is all zeros
        assertThat(pe.sections().get(1).entropy()).isBetween(3.5841, 3.5842); // pefile: 3.5841110769314857
        assertThat(pe.exports()).containsExactly("Start", "Run");
        assertThat(pe.resourceCount()).isEqualTo(3);
        CodeSigner s = Objects.requireNonNull(pe.signer());
        assertThat(s.subject()).isEqualTo("C=DE,O=Harrier Tests,CN=Harrier Test Signer a");
        assertThat(s.issuer()).isEqualTo(s.subject());
        assertThat(s.serial()).isEqualTo("1234a");
        assertThat(s.sha256()).isEqualTo(SIGNER_A_SHA256);
    }

    @Test
    void readsAPe32ExeWithoutOptionalParts() {
        byte[] file = new PeBuilder()
                .pe32()
                .imports("user32.dll", "MessageBoxA", "#5")
                .rich(0x0badf00d, 0x00ff0001, 1)
                .build();
        SampleReport r = new SampleInspector().inspect("small.exe", file);
        assertThat(r.problems()).isEmpty();
        PeFacts pe = Objects.requireNonNull(r.pe());
        assertThat(pe.machine()).isEqualTo("I386");
        assertThat(pe.dll()).isFalse();
        assertThat(pe.imphash()).isEqualTo("b3436006f0015183842a700db8f6e153"); // md5("user32.messageboxa,user32.ord5")
        assertThat(pe.richHeaderHash()).isEqualTo("7b473d58cc8c3716c5e72f1b97e41f32");
        assertThat(pe.pdbPath()).isNull();
        assertThat(pe.signer()).isNull();
        assertThat(pe.exports()).isEmpty();
        assertThat(pe.resourceCount()).isZero();
    }

    @Test
    void aCmsSignedDataNamesItsSigner() {
        byte[] file = new PeBuilder().signature(resource("signed-a.p7b")).build();
        SampleReport r = new SampleInspector().inspect("cms.exe", file);
        assertThat(r.problems()).isEmpty();
        assertThat(Objects.requireNonNull(r.pe()).signer().sha256()).isEqualTo(SIGNER_A_SHA256);
    }

    @Test
    void aCertificateBagWithoutSignerInfoNamesTheLeafCertificate() {
        byte[] file = new PeBuilder().signature(resource("certs-b.p7b")).build();
        SampleReport r = new SampleInspector().inspect("bag.exe", file);
        assertThat(r.problems()).isEmpty();
        CodeSigner s = Objects.requireNonNull(Objects.requireNonNull(r.pe()).signer());
        assertThat(s.sha256()).isEqualTo(SIGNER_B_SHA256);
        assertThat(s.serial()).isEqualTo("1234b");
    }

    @Test
    void aFileThatIsNotAPeHasHashesOnly() {
        SampleReport r = new SampleInspector().inspect("notes.txt", "just text".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.pe()).isNull();
        assertThat(r.problems()).isEmpty();
        assertThat(r.hashes().sha1()).hasSize(40);
    }

    @Test
    void aBrokenHeaderIsAProblemNamingFileOffsetAndField() {
        byte[] file = fullBuilder().build();
        byte[] cut = java.util.Arrays.copyOf(file, 0x3e);
        SampleReport r = new SampleInspector().inspect("cut.exe", cut);
        assertThat(r.pe()).isNull();
        assertThat(r.problems())
                .singleElement()
                .asString()
                .startsWith("cut.exe: not a valid PE file")
                .contains("e_lfanew", "0x3c");
    }

    @Test
    void aBrokenDirectoryKeepsTheRest() {
        byte[] file = fullBuilder().build();
        // point the import directory outside every section
        int pe = file[0x3c] & 0xff;
        int importDir = pe + 24 + 112 + 8;
        file[importDir + 3] = 0x70;
        SampleReport r = new SampleInspector().inspect("bent.dll", file);
        PeFacts facts = Objects.requireNonNull(r.pe());
        assertThat(facts.imphash()).isNull();
        assertThat(facts.pdbPath()).isEqualTo(PDB);
        assertThat(facts.signer()).isNotNull();
        assertThat(r.problems())
                .singleElement()
                .asString()
                .startsWith("bent.dll: import table: import directory")
                .contains("lies in no section");
    }

    @Test
    void inspectsFilesAndRefusesMissingOrTooLargeOnes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("loader.dll");
        byte[] bytes = fullBuilder().build();
        Files.write(f, bytes);
        SampleReport fromFile = new SampleInspector().inspect(f);
        assertThat(fromFile).isEqualTo(new SampleInspector().inspect("loader.dll", bytes));

        assertThatThrownBy(() -> new SampleInspector().inspect(dir.resolve("absent.exe")))
                .isInstanceOf(SampleException.class)
                .hasMessageContaining("absent.exe")
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> new SampleInspector(1000, 100).inspect(f))
                .isInstanceOf(SampleException.class)
                .hasMessageContaining("loader.dll")
                .hasMessageContaining("larger than the sample limit");
    }
}
