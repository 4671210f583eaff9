package dev.rampart.portal.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read and fails with {@link PayloadTooLargeException} once more than the limit has been read,
 * so that bodies without a Content-Length (chunked) and decompressed content are bounded too.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String what;
    private long count;

    LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = super.skip(n);
        add(k);
        return k;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw new PayloadTooLargeException(what, limit);
        }
    }

    long count() {
        return count;
    }
}
