package dev.rampart.portal.ingest;

import java.io.InputStream;

/**
 * Splits a UTF-8 byte stream into lines without decoding it, handing each non-blank line to a handler as a
 * slice of a reused buffer. Accepts LF and CRLF line ends and a leading byte-order mark. Memory use is bounded
 * by the longest line, not by the stream.
 */
final class NdjsonLines {
    /** A single event larger than this is certainly not a hunting row; the line is rejected without buffering it. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    interface Handler {
        /** One non-blank line: {@code len} bytes at {@code off}, line break and surrounding blanks removed. */
        void line(byte[] buf, int off, int len, long lineNo) throws Exception;

        void oversized(long lineNo) throws Exception;
    }

    private NdjsonLines() {
    }

    /** Reads {@code in} to its end; returns the number of bytes read. */
    static long read(InputStream in, Handler handler) throws Exception {
        byte[] buf = new byte[1 << 20];
        int start = 0;
        int end = 0;
        int scan = 0;
        long lineNo = 1;
        long total = 0;
        boolean first = true;
        boolean skipping = false;
        while (true) {
            int nl = -1;
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl >= 0) {
                if (skipping) {
                    skipping = false;
                } else {
                    int from = start;
                    if (first && nl - from >= 3 && (buf[from] & 0xFF) == 0xEF && (buf[from + 1] & 0xFF) == 0xBB && (buf[from + 2] & 0xFF) == 0xBF) {
                        from += 3;
                    }
                    emit(buf, from, nl, lineNo, handler);
                }
                first = false;
                lineNo++;
                start = nl + 1;
                scan = start;
                continue;
            }
            scan = end;
            if (start > 0 && (start == end || end == buf.length)) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                scan -= start;
                start = 0;
            }
            if (end == buf.length) {
                if (buf.length >= MAX_LINE_BYTES) {
                    // Drop what we have of the line and everything up to its end.
                    if (!skipping) {
                        handler.oversized(lineNo);
                        skipping = true;
                    }
                    start = 0;
                    end = 0;
                    scan = 0;
                } else {
                    byte[] bigger = new byte[Math.min(buf.length * 2, MAX_LINE_BYTES)];
                    System.arraycopy(buf, 0, bigger, 0, end);
                    buf = bigger;
                }
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                if (end > start && !skipping) {
                    int from = start;
                    if (first && end - from >= 3 && (buf[from] & 0xFF) == 0xEF && (buf[from + 1] & 0xFF) == 0xBB && (buf[from + 2] & 0xFF) == 0xBF) {
                        from += 3;
                    }
                    emit(buf, from, end, lineNo, handler);
                }
                return total;
            }
            total += n;
            end += n;
        }
    }

    private static void emit(byte[] buf, int from, int to, long lineNo, Handler handler) throws Exception {
        while (from < to && isBlank(buf[from])) {
            from++;
        }
        while (to > from && isBlank(buf[to - 1])) {
            to--;
        }
        if (to > from) {
            handler.line(buf, from, to - from, lineNo);
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
