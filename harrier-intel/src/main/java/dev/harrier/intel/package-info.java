/**
 * The knowledge base: getting threat intelligence into a case and asking it questions.
 *
 * <p>{@link dev.harrier.intel.IntelImporter} reads files with the readers of {@code dev.harrier.intel.read} (STIX
 * 2.0/2.1 bundles including ATT&amp;CK, MISP events and galaxies, IOC lists) and writes them to the {@code Store},
 * one transaction per file. {@link dev.harrier.intel.IntelUpdater} downloads ATT&amp;CK and SigmaHQ and hands them
 * to the importer. {@link dev.harrier.intel.KnowledgeBase} resolves names and aliases to actors, merging what
 * several sources say about one actor only where they link it, and builds {@link dev.harrier.intel.ActorProfile}s.
 * {@link dev.harrier.intel.IntelStats} counts, and {@link dev.harrier.intel.IntelExporter} writes a STIX 2.1 bundle
 * under a TLP ceiling.
 *
 * <pre>{@code
 * IntelImporter importer = new IntelImporter(store, Limits.defaults(), false);
 * importer.importFile(Path.of("enterprise-attack.json"), n -> {});
 * KnowledgeBase kb = KnowledgeBase.load(store);
 * ActorProfile apt29 = kb.profile(kb.resolve("cozy bear").candidates().get(0));
 * }</pre>
 */
@NullMarked
package dev.harrier.intel;

import org.jspecify.annotations.NullMarked;
