package dev.harrier.cli;

import dev.harrier.analysis.clock.ActivityClock;
import dev.harrier.analysis.clock.ActivityLog;
import dev.harrier.analysis.clock.ActivitySource;
import dev.harrier.analysis.clock.ClockOptions;
import dev.harrier.analysis.clock.ClockResult;
import dev.harrier.analysis.clock.HolidayDay;
import dev.harrier.analysis.clock.HolidayGap;
import dev.harrier.analysis.clock.OffsetFit;
import dev.harrier.analysis.clock.WeekHistogram;
import dev.harrier.analysis.clock.WorkPattern;
import dev.harrier.analysis.clock.ZoneFit;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code harrier clock}: the activity clock of a case. Reads the case's sightings (one timestamp per detected event),
 * fits the operators' UTC offset and working week, and checks public-holiday gaps.
 */
@Command(
        name = "clock",
        mixinStandardHelpOptions = true,
        description = {
            "Activity clock: when do the operators work, in which UTC offset, which holidays do they keep.",
            "Reads the case's sightings (one timestamp per detected event) and prints the weekday x hour",
            "histogram, the best-fitting UTC offset or time zone with its probability and the runners-up, the",
            "working days, hours and lunch gap, and which countries' public holidays show a gap in the activity.",
            "Compile timestamps (--source compile) come from sample import and domain registrations from intel;",
            "when a source has no data the output says so. The clock covers the whole case, or one campaign",
            "with --campaign (an id or unique prefix from 'harrier campaigns')."
        })
final class ClockCommand implements Callable<Integer> {
    private static final String SHADES = " .:-=+*#%@";

    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            defaultValue = "all",
            description = "Timestamps to use: events (detected events), compile (sample compile times) or all"
                    + " (default: ${DEFAULT-VALUE}).")
    String source = "all";

    @Option(
            names = "--countries",
            split = ",",
            paramLabel = "CC",
            description = "Countries (ISO codes, e.g. CN,RU) whose time-zone fit and holiday gaps are reported"
                    + " (default: the countries of the best-fitting offsets).")
    List<String> countries = new ArrayList<>();

    @Option(
            names = "--zone",
            split = ",",
            paramLabel = "ZONE",
            description = "Time zones (e.g. America/New_York) whose fit is reported even when they are not the best.")
    List<String> zones = new ArrayList<>();

    @Option(
            names = "--runners-up",
            paramLabel = "N",
            defaultValue = "4",
            description = "Runner-up offsets to show (default: ${DEFAULT-VALUE}).")
    int runnersUp = 4;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @Option(
            names = "--campaign",
            paramLabel = "ID",
            description = "Only the sightings of this campaign (id or unique prefix from 'harrier campaigns').")
    @org.jspecify.annotations.Nullable
    String campaign;

    @CommandLine.Mixin
    CampaignsCommand.Analysis analysis = new CampaignsCommand.Analysis();

    private @org.jspecify.annotations.Nullable String campaignId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        Set<ActivitySource> sources = sources(cl);
        ClockOptions options = options(cl, sources);
        ActivityLog log = new ActivityLog();
        long[] read = new long[3]; // sightings, duplicates of an event, without time
        if (sources.contains(ActivitySource.INTERACTIVE_EVENT)) {
            Set<Long> seen = new HashSet<>();
            try (Store store = caseOptions.open()) {
                java.util.function.Predicate<dev.harrier.store.Sighting> inScope = s -> true;
                if (campaign != null) {
                    CampaignContext ctx = CampaignContext.of(cl, store, analysis, campaign);
                    if (ctx == null) {
                        return Main.PARTIAL;
                    }
                    inScope = ctx.selector();
                    campaignId = ctx.campaign().id();
                }
                java.util.function.Predicate<dev.harrier.store.Sighting> selected = inScope;
                store.forEachSighting(SightingQuery.all(), s -> {
                    if (!selected.test(s)) {
                        return;
                    }
                    read[0]++;
                    if (s.observed() == null) {
                        read[2]++;
                        return;
                    }
                    long key = s.eventSource().hashCode() * 0x9E3779B97F4A7C15L
                            ^ s.eventLine() * 0xC2B2AE3D27D4EB4FL
                            ^ s.observed().getEpochSecond();
                    if (seen.add(key)) {
                        log.add(s.observed(), ActivitySource.INTERACTIVE_EVENT);
                    } else {
                        read[1]++;
                    }
                });
            }
        }
        ClockResult result = ActivityClock.analyze(log, options);
        List<String> notes = new ArrayList<>();
        if (sources.contains(ActivitySource.INTERACTIVE_EVENT)) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%,d sightings read: %,d events with a time, %,d further hits on the same events, %,d without a"
                            + " time",
                    read[0],
                    log.size(),
                    read[1],
                    read[2]));
        }
        if (sources.contains(ActivitySource.COMPILE_TIMESTAMP)) {
            notes.add("compile timestamps: this case has no imported samples (sample import is not available yet)");
        }
        if (sources.contains(ActivitySource.DOMAIN_REGISTRATION)) {
            notes.add("domain registrations: not read from the case's intel yet");
        }
        notes.add(
                campaignId == null
                        ? "the clock covers all sightings of the case"
                        : "the clock covers the sightings of campaign " + campaignId);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("notes", notes);
            doc.put("clock", result);
            JsonOutput.print(out, doc);
        } else {
            printText(out, result, notes);
        }
        return result.status() == ClockResult.Status.OK ? 0 : Main.PARTIAL;
    }

    private Set<ActivitySource> sources(CommandLine cl) {
        return switch (source.toLowerCase(Locale.ROOT)) {
            case "events" -> EnumSet.of(ActivitySource.INTERACTIVE_EVENT);
            case "compile" -> EnumSet.of(ActivitySource.COMPILE_TIMESTAMP);
            case "all" -> EnumSet.allOf(ActivitySource.class);
            default ->
                throw new CommandLine.ParameterException(
                        cl, "--source: '" + source + "' is not one of events, compile, all");
        };
    }

    private ClockOptions options(CommandLine cl, Set<ActivitySource> sources) {
        if (runnersUp < 0 || runnersUp > 50) {
            throw new CommandLine.ParameterException(cl, "--runners-up: between 0 and 50");
        }
        List<ZoneId> ids = new ArrayList<>();
        for (String z : zones) {
            try {
                ids.add(ZoneId.of(z.trim()));
            } catch (DateTimeException e) {
                throw new CommandLine.ParameterException(cl, "--zone: '" + z + "' is not a time zone id");
            }
        }
        for (String c : countries) {
            if (!c.trim().matches("[A-Za-z]{2}")) {
                throw new CommandLine.ParameterException(
                        cl, "--countries: '" + c + "' is not a two-letter ISO country code");
            }
        }
        return new ClockOptions(sources, ids, countries, runnersUp);
    }

    private static void printText(PrintWriter out, ClockResult r, List<String> notes) {
        out.printf(
                Locale.ROOT,
                "Activity clock: %,d timestamps %s, %,d active days, %,d active quarter-hours%n",
                r.events(),
                r.first() == null ? "" : "from " + r.first() + " to " + r.last(),
                r.activeDays(),
                r.activeQuarterHours());
        for (String n : notes) {
            out.println("  " + n);
        }
        for (String m : r.messages()) {
            out.println("Note: " + m);
        }
        OffsetFit best = r.best();
        if (best == null) {
            if (r.utc().total() > 0) {
                printHistogram(out, r.utc());
            }
            return;
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "Best fit: %s%s, probability %.2f, work %s; countries: %s%n",
                best.label(),
                best.daylightSaving() ? " (" + best.offsets() + ", daylight saving)" : "",
                best.probability(),
                best.workHours(),
                countries(best));
        if (!r.runnersUp().isEmpty()) {
            out.println("Runners-up:");
            for (OffsetFit f : r.runnersUp()) {
                out.printf(
                        Locale.ROOT,
                        "  %-22s p=%.3f  dlogL=%9.1f  work %s  %s%n",
                        f.label() + (f.daylightSaving() ? " (" + f.offsets() + ")" : ""),
                        f.probability(),
                        f.deltaLogLikelihood(),
                        f.workHours(),
                        countries(f));
            }
        }
        for (ZoneFit z : r.requestedFits()) {
            out.printf(
                    Locale.ROOT,
                    "Asked: %s -> %s, rank %d, p=%.3f, dlogL=%.1f%n",
                    z.requested(),
                    z.candidate(),
                    z.rank(),
                    z.probability(),
                    z.deltaLogLikelihood());
        }
        WorkPattern w = r.workPattern();
        if (w != null) {
            out.printf(
                    Locale.ROOT,
                    "Working week (%s): %s (rest: %s), %s-%s, %s; background noise %.0f%%%n",
                    w.timeZone(),
                    w.workDaysLabel(),
                    w.restDays().isEmpty() ? "none" : String.join(", ", w.restDays()),
                    w.start(),
                    w.end(),
                    w.lunchStart() == null
                            ? String.format(
                                    Locale.ROOT, "no clear lunch gap (lunch hour at %.0f%%)", 100 * w.lunchLevel())
                            : String.format(
                                    Locale.ROOT,
                                    "lunch gap %s-%s (activity at %.0f%% of working hours)",
                                    w.lunchStart(),
                                    w.lunchEnd(),
                                    100 * w.lunchLevel()),
                    100 * w.backgroundShare());
        }
        if (r.local() != null) {
            printHistogram(out, r.local());
        }
        if (!r.holidayGaps().isEmpty()) {
            out.println();
            out.println("Holiday gaps (quiet holidays on working days vs regular working days):");
            for (HolidayGap g : r.holidayGaps()) {
                out.printf(
                        Locale.ROOT,
                        "  %s  %2d/%-2d quiet (%d without any activity), %.1f expected by chance, score %5.2f, p=%.2g"
                                + "  [%s, %s]%n",
                        g.country(),
                        g.quietHolidays(),
                        g.holidaysOnWorkDays(),
                        g.silentHolidays(),
                        g.expectedQuietByChance(),
                        g.score(),
                        g.pValue(),
                        g.calendar(),
                        g.timeZone());
                List<String> quiet = g.holidays().stream()
                        .filter(HolidayDay::quiet)
                        .map(h -> h.date() + " " + h.name())
                        .limit(6)
                        .toList();
                if (!quiet.isEmpty()) {
                    out.println("      quiet: " + String.join(", ", quiet) + (g.quietHolidays() > 6 ? ", ..." : ""));
                }
                if (g.note() != null) {
                    out.println("      note: " + g.note());
                }
            }
        }
        for (String u : r.holidaysUnavailable()) {
            out.println("Holidays not available: " + u);
        }
        out.println();
        out.println("Method: " + r.method());
    }

    private static String countries(OffsetFit f) {
        if (f.countries().isEmpty()) {
            return "none (no time zone keeps this offset)";
        }
        List<String> c = f.countries();
        return c.size() <= 12 ? String.join(", ", c) : String.join(", ", c.subList(0, 12)) + ", ...";
    }

    private static void printHistogram(PrintWriter out, WeekHistogram h) {
        long max = 0;
        for (List<Long> row : h.counts()) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "Activity by weekday and hour (%s; darker = more, max %,d per cell):%n",
                h.timeZone(),
                max);
        out.println("      0         1         2   ");
        out.println("      012345678901234567890123");
        for (int d = 0; d < 7; d++) {
            StringBuilder sb = new StringBuilder();
            long total = 0;
            for (int hour = 0; hour < 24; hour++) {
                long c = h.count(d, hour);
                total += c;
                int shade = c == 0 || max == 0 ? 0 : 1 + (int) ((SHADES.length() - 2) * c / max);
                sb.append(SHADES.charAt(Math.min(shade, SHADES.length() - 1)));
            }
            out.printf(Locale.ROOT, "  %s |%s| %,d%n", h.weekdays().get(d), sb, total);
        }
    }
}
