/**
 * Indicator (IOC) matching: {@link dev.harrier.detect.ioc.IocIndexes} reads the case's STIX indicators whose patterns
 * are simple ({@code [ipv4-addr:value = '…'] OR [domain-name:value = '…']}, hashes, URLs, e-mail addresses, file
 * names, certificate serials and fingerprints, CIDR ranges with {@code ISSUBSET}) into an immutable
 * {@link dev.harrier.detect.ioc.IocIndex}; a per-thread {@link dev.harrier.detect.ioc.IocMatcher} pulls the
 * observables out of each event (Windows, Zeek and Suricata field names) and looks them up. Values are compared in
 * the normal form of {@link dev.harrier.detect.ioc.IocNormalizer}; domains also match their subdomains, addresses the
 * networks that contain them; an indicator only matches events inside its {@code valid_from}/{@code valid_until}.
 */
@NullMarked
package dev.harrier.detect.ioc;

import org.jspecify.annotations.NullMarked;
