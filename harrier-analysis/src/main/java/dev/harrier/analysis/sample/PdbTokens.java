package dev.harrier.analysis.sample;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The distinctive tokens of a PDB path: the path split at everything but letters and digits, lower-cased, without
 * tokens shorter than three characters, numbers, and words every build path has ({@code users}, {@code release},
 * {@code x64}, {@code source}, {@code repos}, ...). What remains (user names, project and file names) can link
 * samples built by the same people.
 */
final class PdbTokens {
    private static final Set<String> COMMON = Set.of(
            "users",
            "user",
            "documents",
            "desktop",
            "downloads",
            "source",
            "sources",
            "src",
            "repos",
            "repo",
            "projects",
            "project",
            "release",
            "debug",
            "x64",
            "x86",
            "win32",
            "win64",
            "amd64",
            "arm64",
            "i386",
            "bin",
            "obj",
            "pdb",
            "exe",
            "dll",
            "sys",
            "build",
            "builds",
            "out",
            "output",
            "dist",
            "lib",
            "libs",
            "visual",
            "studio",
            "2010",
            "2012",
            "2013",
            "2015",
            "2017",
            "2019",
            "2022",
            "vs2019",
            "vs2022",
            "administrator",
            "admin",
            "work",
            "code",
            "dev",
            "new",
            "folder",
            "test",
            "tests",
            "temp",
            "tmp",
            "program",
            "files",
            "windows",
            "minsizerel",
            "relwithdebinfo",
            "main",
            "app",
            "setup",
            "the",
            "and");

    private PdbTokens() {}

    static Set<String> of(String pdbPath) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : pdbPath.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (t.length() >= 3 && !COMMON.contains(t) && !t.chars().allMatch(Character::isDigit)) {
                out.add(t);
            }
        }
        return out;
    }
}
