package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpooledBodyTest {
    @TempDir
    Path tmp;

    /** A stream of unknown length, as a chunked request body is. */
    private static InputStream chunked(int bytes) {
        return new InputStream() {
            int left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }
        };
    }

    @Test
    void read_bodyWithinLimit_isKept() throws Exception {
        try (SpooledBody b = SpooledBody.read(chunked(1000), null, 1000, tmp)) {
            assertThat(b.size()).isEqualTo(1000);
            assertThat(b.open().readAllBytes()).hasSize(1000);
        }
    }

    @Test
    void read_bodyOverLimitWithoutLength_isStoppedWhileStreaming() {
        assertThatThrownBy(() -> SpooledBody.read(chunked(1001), null, 1000, tmp))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("request body exceeds the limit of 1000 bytes");
    }

    @Test
    void read_largeBody_spoolsToFileAndDeletesIt() throws Exception {
        int size = SpooledBody.MEMORY_LIMIT * 3;
        SpooledBody b = SpooledBody.read(chunked(size), "identity", size, tmp);
        assertThat(filesIn(tmp)).isEqualTo(1);
        assertThat(b.open().readAllBytes()).hasSize(size);
        b.close();
        assertThat(filesIn(tmp)).isZero();
    }

    @Test
    void read_gzipExpandingBeyondLimit_isRejected() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(new byte[100_000]);
        }
        assertThat(gz.size()).isLessThan(10_000);
        assertThatThrownBy(() -> SpooledBody.read(new ByteArrayInputStream(gz.toByteArray()), "gzip", 10_000, tmp))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("decompressed request body");
    }

    @Test
    void read_corruptGzip_isRequestError() {
        assertThatThrownBy(() -> SpooledBody.read(new ByteArrayInputStream("not gzip".getBytes()), "gzip", 10_000, tmp))
                .isInstanceOfSatisfying(IngestRequestException.class, e -> assertThat(e.kind()).isEqualTo(IngestRequestException.Kind.CORRUPT_ENCODING));
    }

    @Test
    void read_unknownEncoding_isUnsupported() {
        assertThatThrownBy(() -> SpooledBody.read(chunked(10), "br", 10_000, tmp))
                .isInstanceOfSatisfying(IngestRequestException.class, e -> assertThat(e.kind()).isEqualTo(IngestRequestException.Kind.UNSUPPORTED_ENCODING));
    }

    private static long filesIn(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
