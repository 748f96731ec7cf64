/**
 * The intel readers: they turn intel files into STIX 2.1 objects for the store, one object at a time.
 *
 * <p>{@link dev.harrier.intel.read.IntelReaders} is the entry point. {@link
 * dev.harrier.intel.read.IntelReaders#detect(java.nio.file.Path)} recognises a file's {@link
 * dev.harrier.intel.read.IntelFormat} from its content; {@link
 * dev.harrier.intel.read.IntelReaders#read(java.nio.file.Path, IntelFormat, dev.harrier.core.Limits, IntelSink)}
 * streams it into an {@link dev.harrier.intel.read.IntelSink}, which receives every object that passed as a {@link
 * dev.harrier.store.IncomingObject} and every entry that did not as an {@link dev.harrier.intel.read.IntelError}
 * (source, JSON path or line, line, column, message). Reading goes on after a rejected entry; a problem of the whole
 * file (malformed or truncated JSON, not the expected kind of document, binary content, nesting beyond the limit) is
 * an {@link dev.harrier.intel.read.IntelSyntaxException}, after which the importer discards what it got from that
 * file. The {@link dev.harrier.intel.read.ReadSummary} counts what was accepted and rejected.
 *
 * <ul>
 *   <li>STIX 2.0/2.1 bundles (ATT&amp;CK included): validated object by object, 2.0 objects upgraded to 2.1 with
 *       their original JSON kept;
 *   <li>MISP events: a report, the creator identity, indicators, observed data, notes, TLP markings and the galaxy
 *       objects the event names;
 *   <li>MISP galaxy clusters: intrusion-sets with their aliases, sponsors, origin and victims;
 *   <li>IOC lists (plain or CSV, defanged or not): one indicator per distinct value.
 * </ul>
 *
 * <p>Every reader streams with bounded memory: each entry is built under {@link dev.harrier.core.Limits} (bytes,
 * properties, depth, string length) and an oversized entry is skipped without being built. Objects made from
 * non-STIX sources are {@linkplain dev.harrier.store.IncomingObject#derived() derived}: their ids are deterministic
 * (UUIDv5), so reading the same file twice gives the same objects.
 *
 * <pre>{@code
 * List<IncomingObject> objects = new ArrayList<>();
 * List<IntelError> errors = new ArrayList<>();
 * IntelSink sink = new IntelSink() {
 *     public void accept(IncomingObject o) { objects.add(o); }
 *     public void reject(IntelError e) { errors.add(e); }
 * };
 * Path file = Path.of("enterprise-attack.json");
 * try {
 *     ReadSummary s = IntelReaders.read(file, IntelReaders.detect(file), Limits.defaults(), sink);
 *     // s.objectsRead() == 24771, s.rejected() == 0, s.specVersion() == "2.0"
 * } catch (IntelSyntaxException e) {
 *     // e.line(), e.column(), e.detail(): nothing of the file should be kept
 * }
 * }</pre>
 */
@NullMarked
package dev.harrier.intel.read;

import org.jspecify.annotations.NullMarked;
