package dev.harrier.analysis.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.IpAddresses;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GeoIP fallback with a tiny DB-IP-style MMDB written by the test (no database ships with Harrier). */
class GeoIpTest {
    @TempDir
    Path tmp;

    @Test
    void countryOfAnAddressOutsideTheAssets() throws Exception {
        Path db = TinyMmdb.write(tmp.resolve("dbip-country-lite.mmdb"), IpAddresses.parse("203.0.113.0"), 24, "NL");
        try (GeoIp geo = GeoIp.open(db)) {
            assertThat(geo.isDbIp()).isTrue();
            assertThat(geo.country(IpAddresses.parse("203.0.113.10"))).contains("NL");
            assertThat(geo.country(IpAddresses.parse("198.51.100.77"))).isEmpty();
            AssetBook book = new AssetBook(
                    AssetCsv.read(Scenario.writeAssets(tmp), Limits.defaults()).assets(), geo);
            // an asset's own country wins over GeoIP
            assertThat(book.country(IpAddresses.parse("10.2.3.4"))).contains("DE");
            assertThat(book.country(IpAddresses.parse("203.0.113.10"))).contains("NL");

            CampaignAnalyzer an = new CampaignAnalyzer(book, CampaignOptions.defaults());
            Scenario.sightings().stream()
                    .sorted(java.util.Comparator.comparing(dev.harrier.store.Sighting::observed))
                    .forEach(an::accept);
            CampaignAnalysis a = an.finish();
            Scope scope = ScopeReport.of(a, a.campaigns().get(0), book);
            assertThat(scope.infrastructure())
                    .extracting(Scope.Infrastructure::value, Scope.Infrastructure::country)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("203.0.113.10", "NL"),
                            org.assertj.core.groups.Tuple.tuple("c2-a.example", "unknown"));
            assertThat(scope.infrastructureByCountry())
                    .containsExactly(new Scope.Tally("NL", 1, 0), new Scope.Tally("unknown", 1, 0));
            assertThat(scope.notes()).contains(GeoIp.DBIP_ATTRIBUTION);
        }
    }

    @Test
    void aMissingOrBrokenDatabaseIsAClearError() throws Exception {
        assertThatThrownBy(() -> GeoIp.open(tmp.resolve("none.mmdb")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no such file");
        Path junk = tmp.resolve("junk.mmdb");
        Files.writeString(junk, "not a database");
        assertThatThrownBy(() -> GeoIp.open(junk))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a GeoIP (MMDB) database");
        assertThat(new AssetBook(List.of(), null).geoIp()).isEmpty();
    }
}
