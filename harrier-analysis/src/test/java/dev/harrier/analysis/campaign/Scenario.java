package dev.harrier.analysis.campaign;

import dev.harrier.store.Sighting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A two-year scenario: four organisations in four countries, two separate campaigns and noise.
 *
 * <pre>
 * campaign A (indicators A1 c2-a.example, A2 203.0.113.10; rare rule R-rare1 with T1055.012 + T1218.011)
 *   a1  ws-a1 (Northwind, PL)   2024-03-04  IOC A1, R-rare1, R-common
 *   a2  srv-b1 (Contoso, DE)    2024-05-10  IOC A2, c2-a.example in a Sysmon field, R-common
 *   a3  ws-a1 (Northwind, PL)   2025-02-01  IOC A2, R-rare1, R-common, R-rare2 (T1620, T1027.002)
 *   a4  plc-c1 (Fabrikam, NL)   2025-03-10  R-rare1 and R-rare2 only: linked to a3 by four shared rare techniques
 *                                           (a1 and a3 share only R-rare1's two: not enough on their own)
 * campaign B (indicators B1 b-drop.example and B1b (same event), B2 198.51.100.77)
 *   b1  fin-d1 (Tailspin, FR)   2024-09-01  IOC B1 + B1b on one event, IOC B2, R-common
 *   b2  10.2.5.5 (Contoso)      2024-09-03  IOC B2 in a Zeek event without a host, R-common
 *   b3  laptop-x (no asset)     2025-06-15  IOC B1
 * noise
 *   n1  ws-a2 (Northwind)       2024-07-01  R-common only (T1059.001: in 6 of 10 incidents, no evidence)
 *   n2  srv-b1 (Contoso)        2025-10-01  R-other (T1082)
 *   n3  ws-a2 (Northwind)       2025-11-20  R-x with T1055.012: one rare technique alone does not link
 * </pre>
 */
final class Scenario {
    static final String ASSETS = """
            host,ip ranges,organisation,sector,country,region
            ws-a1.nw.example,10.1.0.0/16,Northwind Ministry,government,PL,Pomorskie
            ws-a2.nw.example,,Northwind Ministry,government,PL,Pomorskie
            srv-b1.contoso.example,"10.2.0.0/16; 2001:db8:2::/48",Contoso Shipping,transportation,DE,Hamburg
            plc-c1.fabrikam.example,,Fabrikam Energy,energy,NL,Noord-Holland
            fin-d1.tailspin.example,,Tailspin Bank,financial-services,FR,Ile-de-France
            """;

    static final String A1 = "indicator--0a000000-0000-4000-8000-0000000000a1";
    static final String A2 = "indicator--0a000000-0000-4000-8000-0000000000a2";
    static final String B1 = "indicator--0b000000-0000-4000-8000-0000000000b1";
    static final String B1B = "indicator--0b000000-0000-4000-8000-000000000b1b";
    static final String B2 = "indicator--0b000000-0000-4000-8000-0000000000b2";

    private final List<Sighting> sightings = new ArrayList<>();
    private long line;

    private Scenario() {}

    static Path writeAssets(Path dir) throws IOException {
        Path f = dir.resolve("assets.csv");
        Files.writeString(f, ASSETS);
        return f;
    }

    static List<Sighting> sightings() {
        Scenario s = new Scenario();
        // campaign A
        s.ioc(A1, "domain c2-a.example", "2024-03-04T09:00:00Z", "ws-a1.nw.example", "QueryName", "c2-a.example");
        s.rule("R-rare1", "Rare Loader", List.of("T1055.012", "T1218.011"), "2024-03-04T09:05:00Z", "WS-A1");
        s.common("2024-03-04T09:10:00Z", "ws-a1.nw.example");
        s.ioc(A2, "ip 203.0.113.10", "2024-05-10T10:00:00Z", "srv-b1.contoso.example", "DestinationIp", "203.0.113.10");
        s.add(
                "sigma",
                "R-net",
                "Outbound To Rare Host",
                List.of(),
                "2024-05-10T10:01:00Z",
                "srv-b1.contoso.example",
                Map.of("DestinationHostname", "c2-a.example"));
        s.common("2024-05-10T10:02:00Z", "srv-b1.contoso.example");
        s.ioc(A2, "ip 203.0.113.10", "2025-02-01T08:00:00Z", "ws-a1.nw.example", "DestinationIp", "203.0.113.10");
        s.rule("R-rare1", "Rare Loader", List.of("T1055.012", "T1218.011"), "2025-02-01T08:03:00Z", "ws-a1.nw.example");
        s.common("2025-02-01T08:04:00Z", "ws-a1.nw.example");
        s.rule("R-rare2", "Reflective Load", List.of("T1620", "T1027.002"), "2025-02-01T08:05:00Z", "ws-a1.nw.example");
        s.rule(
                "R-rare1",
                "Rare Loader",
                List.of("T1055.012", "T1218.011"),
                "2025-03-10T12:00:00Z",
                "plc-c1.fabrikam.example");
        s.rule(
                "R-rare2",
                "Reflective Load",
                List.of("T1620", "T1027.002"),
                "2025-03-12T12:00:00Z",
                "plc-c1.fabrikam.example");
        // campaign B: two indicators on one event
        Instant t = Instant.parse("2024-09-01T07:00:00Z");
        long ev = ++s.line;
        for (String id : List.of(B1, B1B)) {
            s.sightings.add(new Sighting(
                    Sighting.idFor("ioc", id, "logs/b.json", ev, t),
                    "ioc",
                    id,
                    "IOC: b-drop",
                    "high",
                    null,
                    List.of(),
                    t,
                    "fin-d1.tailspin.example",
                    "logs/b.json",
                    ev,
                    Map.of(
                            "QueryName",
                            "b-drop.example",
                            "indicator",
                            "domain b-drop.example",
                            "indicators",
                            B1 + " " + B1B)));
        }
        s.ioc(
                B2,
                "ip 198.51.100.77",
                "2024-09-01T07:05:00Z",
                "fin-d1.tailspin.example",
                "DestinationIp",
                "198.51.100.77");
        s.common("2024-09-01T07:06:00Z", "fin-d1.tailspin.example");
        Map<String, String> zeek = new LinkedHashMap<>();
        zeek.put("id.resp_h", "198.51.100.77");
        zeek.put("id.orig_h", "10.2.5.5");
        zeek.put("indicator", "ip 198.51.100.77");
        zeek.put("indicators", B2);
        s.add("ioc", B2, "IOC: 198.51.100.77", List.of(), "2024-09-03T11:00:00Z", null, zeek);
        Map<String, String> zeek2 = new LinkedHashMap<>();
        zeek2.put("id.orig_h", "10.2.5.5");
        s.add("sigma", "R-common", "Encoded PowerShell", List.of("T1059.001"), "2024-09-03T11:01:00Z", null, zeek2);
        s.ioc(B1, "domain b-drop.example", "2025-06-15T15:00:00Z", "laptop-x", "QueryName", "b-drop.example");
        // noise
        s.common("2024-07-01T10:00:00Z", "ws-a2.nw.example");
        s.rule("R-other", "System Info", List.of("T1082"), "2025-10-01T10:00:00Z", "srv-b1.contoso.example");
        s.rule("R-x", "Other Injection", List.of("T1055.012"), "2025-11-20T10:00:00Z", "ws-a2.nw.example");
        return s.sightings;
    }

    private void common(String time, String host) {
        rule("R-common", "Encoded PowerShell", List.of("T1059.001"), time, host);
    }

    private void rule(String id, String title, List<String> techniques, String time, String host) {
        add("sigma", id, title, techniques, time, host, Map.of("Image", "C:\\Windows\\System32\\rundll32.exe"));
    }

    private void ioc(String id, String indicator, String time, String host, String field, String value) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(field, value);
        f.put("indicator", indicator);
        f.put("indicators", id);
        add("ioc", id, "IOC: " + indicator, List.of(), time, host, f);
    }

    private void add(
            String kind,
            String id,
            String title,
            List<String> techniques,
            String time,
            String host,
            Map<String, String> fields) {
        Instant t = Instant.parse(time);
        long l = ++line;
        sightings.add(new Sighting(
                Sighting.idFor(kind, id, "logs/events.json", l, t),
                kind,
                id,
                title,
                "high",
                null,
                techniques,
                t,
                host,
                "logs/events.json",
                l,
                fields));
    }
}
