package dev.harrier.intel.read;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Syntax checks for observable values (addresses, names, hashes), shared by the IOC list and MISP readers. */
final class ValueChecks {
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]+$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern LENIENT_LABEL = Pattern.compile("^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$");
    private static final Pattern TLD = Pattern.compile("^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$");
    private static final Pattern SSDEEP =
            Pattern.compile("^\\d{1,10}:[A-Za-z0-9/+]{1,128}:[A-Za-z0-9/+]{1,128}(,\"[^\"]*\")?$");
    private static final Pattern URL =
            Pattern.compile("^(?i)(https?|ftps?|sftp|wss?|tcp|udp|smb|file)://([^/?#\\s]+)([/?#]\\S*)?$");
    private static final Pattern FILE_EXTENSION = Pattern.compile("^.+\\.([A-Za-z0-9]{1,10})$");
    private static final Pattern FILE_NAME_CHARS = Pattern.compile("^[^/\\\\<>:\"|?*\\x00-\\x1f]{1,255}$");

    /** Extensions that name files rather than top-level domains (some are also TLDs: .zip, .mov, .sh). */
    static final Set<String> FILE_EXTENSIONS = Set.of(
            "exe", "dll", "sys", "scr", "cpl", "ocx", "drv", "com", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js",
            "jse", "wsf", "wsh", "hta", "lnk", "msi", "msp", "jar", "class", "apk", "dex", "elf", "bin", "so", "dylib",
            "sh", "py", "pyc", "pl", "rb", "php", "asp", "aspx", "jsp", "doc", "docx", "docm", "dot", "dotm", "xls",
            "xlsx", "xlsm", "xlsb", "xlam", "ppt", "pptx", "pptm", "rtf", "pdf", "odt", "one", "chm", "iso", "img",
            "vhd", "vhdx", "zip", "rar", "7z", "gz", "tgz", "tar", "cab", "ace", "arj", "txt", "log", "dat", "tmp",
            "ini", "cfg", "xml", "html", "htm", "svg", "eml", "msg", "png", "jpg", "jpeg", "gif", "bmp", "mov", "mp4",
            "dmp", "db", "sqlite", "pf", "evtx", "reg", "inf", "sct", "url", "xll", "wll", "pif");

    private ValueChecks() {}

    static boolean isIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int parts = 0;
        int i = 0;
        while (i <= n) {
            int j = i;
            while (j < n && s.charAt(j) != '.') {
                j++;
            }
            int len = j - i;
            if (len < 1 || len > 3) {
                return false;
            }
            int v = 0;
            for (int k = i; k < j; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255 || (len > 1 && s.charAt(i) == '0')) {
                return false;
            }
            parts++;
            i = j + 1;
        }
        return parts == 4;
    }

    static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String body = s;
        int extra = 0;
        int lastColon = s.lastIndexOf(':');
        String lastPart = s.substring(lastColon + 1);
        if (lastPart.contains(".")) {
            // an embedded IPv4 address counts as two groups, and only as the last one
            if (lastColon < 0 || !isIpv4(lastPart)) {
                return false;
            }
            body = s.substring(0, lastColon + 1);
            if (!body.endsWith("::")) {
                body = body.substring(0, body.length() - 1);
            }
            extra = 2;
        }
        int d = body.indexOf("::");
        if (d >= 0) {
            int head = groups(body.substring(0, d));
            int tail = groups(body.substring(d + 2));
            return head >= 0 && tail >= 0 && head + tail + extra <= 7;
        }
        int g = groups(body);
        return g >= 0 && g + extra == 8;
    }

    /** The number of hex groups in a colon-separated run, -1 when one is not 1 to 4 hex digits. */
    private static int groups(String part) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] g = part.split(":", -1);
        for (String x : g) {
            if (x.isEmpty() || x.length() > 4 || !HEX.matcher(x).matches()) {
                return -1;
            }
        }
        return g.length;
    }

    static boolean isIpv4Cidr(String s) {
        int slash = s.indexOf('/');
        return slash > 0 && isIpv4(s.substring(0, slash)) && prefix(s.substring(slash + 1), 32);
    }

    static boolean isIpv6Cidr(String s) {
        int slash = s.indexOf('/');
        return slash > 0 && isIpv6(s.substring(0, slash)) && prefix(s.substring(slash + 1), 128);
    }

    private static boolean prefix(String s, int max) {
        if (s.isEmpty() || s.length() > 3) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(s) <= max && !(s.length() > 1 && s.charAt(0) == '0');
    }

    /** A registrable-looking domain name: valid labels, at least two, and a TLD of letters (or punycode). */
    static boolean isDomain(String s) {
        String a = ascii(s);
        if (a == null || a.length() > 253 || a.length() < 3) {
            return false;
        }
        String[] labels = a.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return false;
            }
        }
        return TLD.matcher(labels[labels.length - 1]).matches();
    }

    /** A host name as MISP feeds carry them: labels with underscores allowed, one label is enough. */
    static boolean isHostname(String s) {
        String a = ascii(s);
        if (a == null || a.isEmpty() || a.length() > 253) {
            return false;
        }
        for (String l : a.split("\\.", -1)) {
            if (!LENIENT_LABEL.matcher(l).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The lower-case ASCII (punycode) form of a name, without a trailing dot; null when it cannot be one. */
    static @Nullable String ascii(String s) {
        String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (t.isEmpty()) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) > 0x7f) {
                try {
                    t = IDN.toASCII(t, IDN.USE_STD3_ASCII_RULES);
                } catch (IllegalArgumentException e) {
                    return null;
                }
                break;
            }
        }
        return t.toLowerCase(Locale.ROOT);
    }

    static boolean isEmail(String s) {
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return false;
        }
        String local = s.substring(0, at);
        if (!EMAIL_LOCAL.matcher(local).matches()
                || local.startsWith(".")
                || local.endsWith(".")
                || local.contains("..")) {
            return false;
        }
        String domain = s.substring(at + 1);
        return isDomain(domain) || (isHostname(domain) && domain.contains("."));
    }

    static boolean isUrl(String s) {
        if (s.length() > 8192) {
            return false;
        }
        java.util.regex.Matcher m = URL.matcher(s);
        if (!m.matches()) {
            return false;
        }
        String authority = m.group(2);
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostPort.substring(1, close);
            return isIpv6(host);
        }
        int colon = hostPort.lastIndexOf(':');
        host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        if (colon >= 0 && !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
            return false;
        }
        return isIpv4(host) || (isHostname(host) && (host.contains(".") || host.equalsIgnoreCase("localhost")));
    }

    static boolean isHex(String s, int length) {
        return s.length() == length && HEX.matcher(s).matches();
    }

    static boolean isSsdeep(String s) {
        return s.length() <= 300 && SSDEEP.matcher(s).matches();
    }

    /** A file name with an extension from {@link #FILE_EXTENSIONS}. */
    static boolean isKnownFileName(String s) {
        java.util.regex.Matcher m = FILE_EXTENSION.matcher(s);
        return m.matches()
                && FILE_NAME_CHARS.matcher(s).matches()
                && FILE_EXTENSIONS.contains(m.group(1).toLowerCase(Locale.ROOT));
    }

    /** Any file name: an extension with a letter, no slash, no characters file systems forbid. */
    static boolean isFileName(String s) {
        java.util.regex.Matcher m = FILE_EXTENSION.matcher(s);
        if (!m.matches() || !FILE_NAME_CHARS.matcher(s).matches() || s.startsWith(" ") || s.endsWith(" ")) {
            return false;
        }
        String ext = m.group(1);
        boolean letter = false;
        for (int i = 0; i < ext.length(); i++) {
            letter |= Character.isLetter(ext.charAt(i));
        }
        return letter && (!s.contains(" ") || FILE_EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT)));
    }
}
