package dev.harrier.analysis.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.IpAddresses;
import dev.harrier.core.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetCsvTest {
    @TempDir
    Path tmp;

    @Test
    void malformedRowsAreReportedWithLineAndFieldAndTheRestIsRead() throws Exception {
        Path f = tmp.resolve("a.csv");
        Files.writeString(f, """
                # comment
                Host,IP_Ranges,Organization,Sector,Country,Province
                ws1.corp.example,10.0.0.0/8,Acme,Energy,de,Bayern
                ws2.corp.example,10.0.0.300,Acme,energy,DE,
                ws3.corp.example,,Acme,energy,XX,
                ,,Acme,energy,DE,
                ws4.corp.example,,,energy,DE,
                ws5 bad,,Acme,energy,DE,
                ws6.corp.example,"192.0.2.0/24, 2001:db8::/32",Beta,,,
                ws7.corp.example,10.0.0.0/33,Beta,,,
                ws8.corp.example,,Beta,,
                "unterminated,,Beta,,,
                ws1.corp.example,,Acme,energy,DE,
                """);
        AssetCsv.Parsed p = AssetCsv.read(f, Limits.defaults());
        assertThat(p.assets()).extracting(Asset::host).containsExactly("ws1.corp.example", "ws6.corp.example");
        assertThat(p.assets().get(0).country()).isEqualTo("DE");
        assertThat(p.assets().get(0).sector()).isEqualTo("energy");
        assertThat(p.assets().get(1).ipRanges()).containsExactly("192.0.2.0/24", "2001:db8::/32");
        String n = f.toString();
        assertThat(p.errors())
                .extracting(AssetError::toString)
                .containsExactly(
                        n + ":4: ip ranges: '10.0.0.300' is not an address or CIDR range",
                        n + ":5: country: 'XX' is not an ISO 3166 alpha-2 code",
                        n + ":6: host: a row needs a host or an IP range",
                        n + ":7: organisation: empty",
                        n + ":8: host: 'ws5 bad' is not a host name",
                        n + ":10: ip ranges: '10.0.0.0/33' is not an address or CIDR range",
                        n + ":11: row: expected 6 columns, found 5",
                        n + ":12: row: unterminated quote",
                        n + ":13: host: 'ws1.corp.example' is already defined on line 3");
        assertThat(p.rejected()).isEqualTo(9);
    }

    @Test
    void headerProblemsAreClear() throws Exception {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> AssetCsv.read(empty, Limits.defaults())).hasMessageContaining("expected a header");
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "host,owner\nx,y\n");
        assertThatThrownBy(() -> AssetCsv.read(bad, Limits.defaults())).hasMessageContaining("unknown column 'owner'");
        Path noOrg = tmp.resolve("noorg.csv");
        Files.writeString(noOrg, "host,country\nx,DE\n");
        assertThatThrownBy(() -> AssetCsv.read(noOrg, Limits.defaults())).hasMessageContaining("needs the columns");
    }

    @Test
    void bookFindsHostsAndMostSpecificRanges() {
        AssetBook book = new AssetBook(
                java.util.List.of(
                        new Asset(null, java.util.List.of("10.0.0.0/8"), "Wide", null, "DE", null),
                        new Asset("ws1.corp.example", java.util.List.of("10.1.2.3/32"), "Narrow", null, "PL", null),
                        new Asset(null, java.util.List.of("2001:db8:14::/48"), "Six", null, "FR", null)),
                null);
        assertThat(book.byAddress("10.1.2.3")).map(Asset::organisation).contains("Narrow");
        assertThat(book.byAddress("10.9.9.9")).map(Asset::organisation).contains("Wide");
        assertThat(book.byAddress("2001:db8:14::114")).map(Asset::organisation).contains("Six");
        assertThat(book.byAddress("192.0.2.1")).isEmpty();
        assertThat(book.byHost("WS1")).map(Asset::organisation).contains("Narrow");
        assertThat(book.hostByAddress(IpAddresses.parse("10.1.2.3"))).isPresent();
        assertThat(book.hostByAddress(IpAddresses.parse("10.9.9.9"))).isEmpty();
        assertThat(book.isInternalDomain("intranet.corp.example")).isTrue();
        assertThat(book.isInternalDomain("evil.example")).isFalse();
        assertThat(book.country(IpAddresses.parse("10.9.9.9"))).contains("DE");
        assertThat(book.country(IpAddresses.parse("203.0.113.5"))).isEmpty(); // no GeoIP configured
    }

    @Test
    void domainsAndAddressesInFields() {
        assertThat(SightingFeatures.domain("https://User@Evil.Example:8443/x?y"))
                .isEqualTo("evil.example");
        assertThat(SightingFeatures.domain("inkdrop.dll")).isNull();
        assertThat(SightingFeatures.domain("C:\\ProgramData\\x.exe")).isNull();
        assertThat(SightingFeatures.domain("203.0.113.5")).isNull();
        assertThat(IpAddresses.format(SightingFeatures.address("::ffff:203.0.113.45")))
                .isEqualTo("203.0.113.45");
        assertThat(IpAddresses.format(SightingFeatures.address("203.0.113.45:443")))
                .isEqualTo("203.0.113.45");
        assertThat(SightingFeatures.address("deadbeefcafe")).isNull();
    }
}
