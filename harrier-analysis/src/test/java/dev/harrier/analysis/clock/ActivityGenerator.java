package dev.harrier.analysis.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Generates operator activity in a known time zone: a working week with jittered start, end and lunch, bursts of
 * events in sessions, random absences, given days off (holidays), and uniform noise at any hour. Seeded, so every
 * run is the same.
 */
final class ActivityGenerator {
    ZoneId zone;
    LocalDate from;
    LocalDate to;
    Set<DayOfWeek> workDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    double startHour = 9;
    double endHour = 18;
    double lunchHour = 12;
    boolean lunch = true;
    /** Sessions (bursts of 1-8 events within two minutes) per working hour. */
    double sessionsPerHour = 3;
    /** Noise events as a share of the working events, spread uniformly over the span. */
    double noiseShare = 0.1;
    /** The chance that the operators skip an ordinary working day. */
    double absence = 0.04;

    Set<LocalDate> daysOff = Set.of();
    final Random random;

    ActivityGenerator(long seed, ZoneId zone, LocalDate from, LocalDate to) {
        this.random = new Random(seed);
        this.zone = zone;
        this.from = from;
        this.to = to;
    }

    /** Generates into {@code log}; returns the number of timestamps. */
    long into(ActivityLog log) {
        return generate(s -> log.add(s, ActivitySource.INTERACTIVE_EVENT));
    }

    long generate(LongConsumer sink) {
        long work = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!workDays.contains(d.getDayOfWeek()) || daysOff.contains(d) || random.nextDouble() < absence) {
                continue;
            }
            double start = startHour + random.nextGaussian() * 0.1;
            double end = endHour + random.nextGaussian() * 0.15;
            double lunchStart = lunchHour + random.nextGaussian() * 0.08;
            double lunchEnd = lunchStart + 0.9 + random.nextDouble() * 0.2;
            int sessions = poisson(sessionsPerHour * (end - start));
            for (int i = 0; i < sessions; i++) {
                double h = start + random.nextDouble() * (end - start);
                if (lunch && h >= lunchStart && h < lunchEnd) {
                    continue;
                }
                long base = at(d, h);
                int burst = 1 + random.nextInt(8);
                for (int b = 0; b < burst; b++) {
                    sink.accept(base + random.nextInt(120));
                    work++;
                }
            }
        }
        long noise = Math.round(work * noiseShare);
        long spanStart = ZonedDateTime.of(from.atStartOfDay(), zone).toEpochSecond();
        long spanEnd = ZonedDateTime.of(to.plusDays(1).atStartOfDay(), zone).toEpochSecond();
        for (long i = 0; i < noise; i++) {
            sink.accept(spanStart + (long) (random.nextDouble() * (spanEnd - spanStart)));
        }
        return work + noise;
    }

    private long at(LocalDate d, double hour) {
        long seconds = (long) (hour * 3600);
        LocalDateTime local = d.atStartOfDay().plusSeconds(seconds);
        return ZonedDateTime.of(local, zone).toEpochSecond();
    }

    private int poisson(double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
