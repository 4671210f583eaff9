package dev.rampart.kql.udf;

import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * indexof() with a start, a length or an occurrence (indexof-function.md). Positions count UTF-16 units, as in Kusto's
 * .NET strings.
 */
final class IndexOfText implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "__indexof_range s,s,l,l,l>l", a -> a[0] == null || a[1] == null || a[2] == null || a[3] == null || a[4] == null ? null
                : indexOf((String) a[0], (String) a[1], (Long) a[2], (Long) a[3], (Long) a[4]));
    }

    /**
     * The page's examples fix the rules its prose leaves open: a negative start counts back from the end ("cde" from -5 in
     * "abcdefg" is found at 2), the first search examines {@code length} characters from the start, and each further
     * occurrence is looked for from one past the previous match with a window of {@code length} again (the second "cde"
     * of "abcdefgabcdefg" from 1 with length 10 is found at 9, past the first window's end). Overlapping matches count,
     * unlike indexof_regex() whose page says they do not. A start before the text's beginning is its beginning.
     */
    static Long indexOf(String text, String lookup, long start, long length, long occurrence) {
        if (length < -1 || occurrence < 0) {
            return null;
        }
        long from = start < 0 ? Math.max(0, text.length() + start) : start;
        long found = -1;
        for (long k = 0; k < occurrence; k++) {
            if (from > text.length()) {
                return -1L;
            }
            long end = length == -1 ? text.length() : Math.min(text.length(), from + length);
            int i = text.indexOf(lookup, (int) from);
            if (i < 0 || i + lookup.length() > end) {
                return -1L;
            }
            found = i;
            from = i + 1L;
        }
        return found;
    }
}
