/**
 * STIX patterning (STIX 2.1 section 9, and the STIX 2.0 Part 5 dialect): parse, compile, match, index.
 *
 * <p>The pipeline:
 *
 * <ol>
 *   <li>{@link dev.harrier.detect.pattern.StixPatternParser}: pattern text → {@link dev.harrier.detect.pattern.PatternAst}
 *       (an immutable tree of observation expressions, qualifiers, comparisons, object paths and typed constants), or
 *       a {@link dev.harrier.detect.pattern.PatternException} with line, column, offset, reason and the expected
 *       tokens. The grammar is an ANTLR 4 grammar written for Harrier, {@code StixPatternGrammar.g4}; the classes
 *       {@code StixPatternGrammarLexer}, {@code StixPatternGrammarParser} and {@code StixPatternGrammar*Visitor} are
 *       generated from it at build time and are not API. {@link dev.harrier.detect.pattern.PatternDialect} selects
 *       STIX 2.0 or 2.1.
 *   <li>{@link dev.harrier.detect.pattern.PatternCompiler}: AST → {@link dev.harrier.detect.pattern.CompiledPattern}
 *       (immutable predicates: path walkers, typed constants, compiled regular expressions, CIDR networks, durations).
 *   <li>{@link dev.harrier.detect.pattern.PatternMatcher}: prepares a set of observed-data objects (STIX 2.0 with
 *       embedded {@code objects}, STIX 2.1 with {@code object_refs} to SCOs) once and matches compiled patterns
 *       against it; each {@link dev.harrier.detect.pattern.MatchResult} says whether the pattern matched and which
 *       observed-data objects satisfied it.
 *   <li>{@link dev.harrier.detect.pattern.PatternIndex}: thousands of compiled patterns keyed by (object type, path,
 *       value) for {@code =}/{@code IN} and by CIDR network for {@code ISSUBSET}, so that matching a set of
 *       observations evaluates only the patterns some observation can satisfy, with the same results as matching
 *       each pattern alone.
 *   <li>{@link dev.harrier.detect.pattern.EventObservations}: a telemetry event (Windows, Zeek, Suricata,
 *       column-mapped) → an observed-data object and the SCOs it names (network-traffic, domain-name, url, file,
 *       process, x509-certificate, ...), with STIX 2.1 deterministic SCO ids; {@link
 *       dev.harrier.detect.pattern.EventPatternScan} streams events through a pattern index in bounded batches.
 * </ol>
 *
 * <p>Semantics, with the specification's hard cases (section numbers are STIX 2.1's):
 *
 * <ul>
 *   <li>A comparison whose object path selects nothing (absent property, unresolved reference, index out of range,
 *       step into the wrong kind of value) is false whatever the operator, {@code !=} and {@code NOT} included
 *       (9.6). A value of a type the constant cannot be compared with makes the comparison false, except
 *       {@code !=}, which is true (9.6.1); {@code NOT} negates the result for present values.
 *   <li>Types: integers and floats compare by exact value ({@code 1 = 1.0}, {@code 1 != 1.5}); a {@code t'...'}
 *       constant compares with JSON strings read as timestamps, at full precision (any number of fraction digits,
 *       trailing zeros ignored), while a plain string constant compares with them as text; strings compare by code
 *       point, octets unsigned; {@code b'...'}/{@code h'...'} constants compare with {@code _bin}/{@code _hex}
 *       properties by octets and with other strings through the U+0000..U+00FF mapping, and so do string constants
 *       with binary properties (9.6.4).
 *   <li>{@code [*]} tries every element (true if any passes, with {@code NOT} applied per element); {@code [n]} one
 *       element. {@code _ref} properties are dereferenced within the same observation; {@code _refs} lists by the
 *       following index step. All comparisons ANDed in one observation expression start from the same root object
 *       (9.5).
 *   <li>{@code LIKE}: {@code %} and {@code _}, whole value, NFC-normalized. {@code MATCHES}: a search (not a full
 *       match), DOTALL, Unicode classes for strings, octets (no Unicode) for binary properties; PCRE syntax is
 *       translated to {@link java.util.regex}. {@code ISSUBSET}/{@code ISSUPERSET}: IPv4 and IPv6 addresses and
 *       CIDRs, equal networks included.
 *   <li>Observation operators and qualifiers: an observed-data object stands for {@code number_observed}
 *       observations somewhere in [{@code first_observed}, {@code last_observed}]; AND, FOLLOWEDBY and REPEATS need
 *       distinct observations, so one object with {@code number_observed: 5} can satisfy {@code REPEATS 5 TIMES}.
 *       FOLLOWEDBY, WITHIN and START/STOP hold when timestamps inside those intervals can be chosen to satisfy them
 *       (see {@code Search}).
 * </ul>
 *
 * <p>Example:
 *
 * <pre>{@code
 * CompiledPattern p = new PatternCompiler().compile(
 *     "[ipv4-addr:value ISSUBSET '198.51.100.0/24'] FOLLOWEDBY [domain-name:value = 'example.com'] WITHIN 600 SECONDS");
 * MatchResult r = PatternMatcher.of(bundleObjects).match(p);
 * // r.matched(), r.observationIds()
 * }</pre>
 */
@NullMarked
package dev.harrier.detect.pattern;

import org.jspecify.annotations.NullMarked;
