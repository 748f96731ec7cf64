package dev.harrier.intel.read;

/**
 * What reading one file gave.
 *
 * @param objectsRead objects handed to {@link IntelSink#accept}
 * @param rejected errors handed to {@link IntelSink#reject}
 * @param specVersion for STIX bundles the version the bundle declares ({@code 2.0}), else the version its objects
 *     carry ({@code 2.1}); empty for formats that are not STIX
 */
public record ReadSummary(long objectsRead, long rejected, String specVersion) {}
