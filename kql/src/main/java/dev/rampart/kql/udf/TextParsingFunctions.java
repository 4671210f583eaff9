package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** Splitting text the way command shells and CSV readers do. */
final class TextParsingFunctions implements Family {

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "parse_command_line s,s>y", a -> {
            if (a[0] == null || a[1] == null || !"windows".equals(((String) a[1]).toLowerCase(Locale.ROOT))) {
                return null;
            }
            return Json.write(windowsArguments((String) a[0]));
        });
        fn(out, "parse_csv s>y", a -> a[0] == null ? null : Json.write(csvRecord((String) a[0])));
        fn(out, "parse_path s>y", a -> a[0] == null ? null : Json.write(pathParts((String) a[0])));
    }

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)", java.util.regex.Pattern.DOTALL);

    /**
     * A file path split like Kusto does: an optional {@code scheme://}, a drive letter as root, the
     * directory before the last separator (either slash), the file name and its extension, and an
     * NTFS alternate data stream after a colon in the file name.
     */
    static java.util.Map<String, Object> pathParts(String s) {
        String scheme = "";
        String p = s;
        java.util.regex.Matcher m = SCHEME.matcher(s);
        if (m.matches()) {
            scheme = m.group(1);
            p = m.group(2);
        }
        String root = p.length() >= 2 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':' ? p.substring(0, 2) : "";
        int sep = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        String dir = sep >= 0 ? p.substring(0, sep) : "";
        String file = p.substring(sep + 1);
        String stream = "";
        int colon = file.indexOf(':', sep < 0 ? root.length() : 0);
        if (colon >= 0) {
            stream = file.substring(colon + 1);
            file = file.substring(0, colon);
        }
        int dirSep = Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\'));
        String dirName = dir.substring(dirSep + 1);
        int dot = file.lastIndexOf('.');
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("Scheme", scheme);
        out.put("RootPath", root);
        out.put("DirectoryPath", dir);
        out.put("DirectoryName", dirName);
        out.put("Filename", file);
        out.put("Extension", dot >= 0 ? file.substring(dot + 1) : "");
        out.put("AlternateDataStreamName", stream);
        return out;
    }

    /**
     * The Windows C runtime rules: blanks separate arguments outside quotes; 2n backslashes before a
     * quote give n backslashes and the quote toggles quoting, 2n+1 give n and a literal quote; a doubled
     * quote inside quotes is a literal quote; other backslashes are literal.
     */
    static List<Object> windowsArguments(String s) {
        List<Object> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inArg = false;
        boolean quoted = false;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (!quoted && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
                if (inArg) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inArg = false;
                }
                i++;
                continue;
            }
            inArg = true;
            if (ch == '\\') {
                int n = 0;
                while (i < s.length() && s.charAt(i) == '\\') {
                    n++;
                    i++;
                }
                if (i < s.length() && s.charAt(i) == '"') {
                    cur.append("\\".repeat(n / 2));
                    if (n % 2 == 1) {
                        cur.append('"');
                        i++;
                    }
                } else {
                    cur.append("\\".repeat(n));
                }
                continue;
            }
            if (ch == '"') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i += 2;
                    continue;
                }
                quoted = !quoted;
                i++;
                continue;
            }
            cur.append(ch);
            i++;
        }
        if (inArg) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The fields of the first record: comma-separated, double-quoted fields may hold commas, newlines and doubled quotes. */
    static List<Object> csvRecord(String s) {
        List<Object> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cur.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    cur.append(ch);
                }
                i++;
                continue;
            }
            if (ch == '"' && cur.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                break;
            } else {
                cur.append(ch);
            }
            i++;
        }
        out.add(cur.toString());
        return out;
    }
}
