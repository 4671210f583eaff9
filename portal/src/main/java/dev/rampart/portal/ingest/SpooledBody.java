package dev.rampart.portal.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A request body read completely before ingest starts, within the size limit: small bodies in memory, larger
 * ones in a temporary file. Spooling keeps the event store's single write transaction from waiting on a slow
 * client's network, and keeps memory flat for large bodies.
 */
final class SpooledBody implements AutoCloseable {
    static final int MEMORY_LIMIT = 1 << 20;

    private final byte[] memory;
    private final Path file;
    private final long size;

    private SpooledBody(byte[] memory, Path file, long size) {
        this.memory = memory;
        this.file = file;
        this.size = size;
    }

    /**
     * Reads {@code raw} to its end, decoding {@code Content-Encoding} {@code gzip} if given.
     *
     * @param maxBytes limit applied to the bytes received and to the decompressed content
     * @throws PayloadTooLargeException if either exceeds {@code maxBytes}
     * @throws IngestRequestException   for an unsupported or corrupt encoding
     */
    static SpooledBody read(InputStream raw, String contentEncoding, long maxBytes, Path tmpDir) throws IOException {
        InputStream in = new LimitedInputStream(raw, maxBytes, "request body");
        String enc = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        boolean gzip = switch (enc) {
            case "", "identity" -> false;
            case "gzip", "x-gzip" -> true;
            default -> throw new IngestRequestException(IngestRequestException.Kind.UNSUPPORTED_ENCODING,
                    "Content-Encoding '" + contentEncoding + "' is not supported; send identity or gzip");
        };
        if (gzip) {
            try {
                in = new LimitedInputStream(new GZIPInputStream(in, 1 << 16), maxBytes, "decompressed request body");
            } catch (ZipException e) {
                throw corrupt(e);
            }
        }
        try {
            return spool(in, tmpDir);
        } catch (ZipException | java.io.EOFException e) {
            if (gzip) {
                throw corrupt(e);
            }
            throw e;
        }
    }

    private static IngestRequestException corrupt(IOException e) {
        return new IngestRequestException(IngestRequestException.Kind.CORRUPT_ENCODING, "request body is not valid gzip: " + e.getMessage());
    }

    private static SpooledBody spool(InputStream in, Path tmpDir) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[1 << 16];
        int n;
        while (head.size() <= MEMORY_LIMIT && (n = in.read(buf)) >= 0) {
            head.write(buf, 0, n);
        }
        if (head.size() <= MEMORY_LIMIT) {
            return new SpooledBody(head.toByteArray(), null, head.size());
        }
        Files.createDirectories(tmpDir);
        Path file = Files.createTempFile(tmpDir, "ingest-", ".ndjson");
        try (OutputStream out = Files.newOutputStream(file)) {
            long size = head.size();
            head.writeTo(out);
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                size += n;
            }
            return new SpooledBody(null, file, size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Bytes of (decompressed) content. */
    long size() {
        return size;
    }

    InputStream open() throws IOException {
        return memory != null ? new ByteArrayInputStream(memory) : Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
