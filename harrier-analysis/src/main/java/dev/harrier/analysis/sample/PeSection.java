package dev.harrier.analysis.sample;

/**
 * One section of a PE file.
 *
 * @param name the section name (up to 8 characters, NULs removed)
 * @param virtualAddress its RVA
 * @param virtualSize its size in memory
 * @param rawSize its size in the file ({@code SizeOfRawData})
 * @param entropy Shannon entropy of its raw bytes in the file, bits per byte (0&ndash;8); values above about 7.2
 *     suggest packed or encrypted content
 * @param characteristics the section flags
 */
public record PeSection(
        String name, long virtualAddress, long virtualSize, long rawSize, double entropy, long characteristics) {}
