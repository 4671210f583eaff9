package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.TableAppender;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates NDJSON in the native hunting schema and stores it, shared by the HTTP API, the {@code import}
 * command and the ingest benchmark.
 *
 * <p><b>Batch policy: all or nothing.</b> One batch (a request body or one imported file) is one event-store
 * transaction. If any line is invalid the whole batch is rolled back and every problem is reported with its
 * line number, so the sender fixes the data and resends the same batch without creating duplicates or
 * having to work out which part was kept. When this returns normally the rows are committed.
 *
 * <p>Lines are decoded while the stream is read and appended straight to the store's appender, so memory
 * does not grow with the batch. After the first invalid line nothing more is appended, but the rest is still
 * validated so that one round trip reports all problems (the first {@value #MAX_REPORTED_ERRORS} in detail).
 * Coercion rules are described on {@link RowDecoder}.
 */
public final class EventIngestor {
    public static final int MAX_REPORTED_ERRORS = 100;

    /** Called now and then during long batches. */
    @FunctionalInterface
    public interface Progress {
        void update(long lines, long rowsValid);

        Progress NONE = (lines, rows) -> { };
    }

    private final EventStore store;

    public EventIngestor(EventStore store) {
        this.store = store;
    }

    /** @throws UnknownTableException naming the nearest valid table */
    public Table resolve(String table) {
        return store.schema().table(table).orElseThrow(() -> new UnknownTableException(table,
                NameHints.nearest(table, store.schema().tables().stream().map(Table::name).toList())));
    }

    /**
     * Reads NDJSON from {@code in} to its end and commits all rows in one transaction.
     *
     * @return the number of rows stored
     * @throws UnknownTableException  if {@code table} is not a hunting table (nothing read)
     * @throws InvalidEventsException if any line is invalid (nothing stored)
     */
    public long ingest(String table, InputStream in, Progress progress) {
        Table t = resolve(table);
        return store.write(session -> {
            TableAppender appender = session.appender(t.name());
            Batch batch = new Batch(new RowDecoder(t), appender, progress);
            NdjsonLines.read(in, batch);
            if (batch.rejected > 0) {
                throw new InvalidEventsException(t.name(), batch.rejected, batch.lines, batch.errorCount, batch.errors);
            }
            return batch.valid;
        });
    }

    private static final class Batch implements NdjsonLines.Handler, RowDecoder.ErrorSink {
        private static final int PROGRESS_EVERY = 50_000;

        private final RowDecoder decoder;
        private final TableAppender appender;
        private final Progress progress;
        private final List<IngestError> errors = new ArrayList<>();
        private long lines;
        private long valid;
        private long rejected;
        private long errorCount;

        Batch(RowDecoder decoder, TableAppender appender, Progress progress) {
            this.decoder = decoder;
            this.appender = appender;
            this.progress = progress;
        }

        @Override
        public void line(byte[] buf, int off, int len, long lineNo) throws Exception {
            lines++;
            if (decoder.decode(buf, off, len, lineNo, this)) {
                valid++;
                // Once the batch is known to fail, appending is wasted work: it will be rolled back.
                if (rejected == 0) {
                    appender.append(decoder.row());
                }
            } else {
                rejected++;
            }
            if (lines % PROGRESS_EVERY == 0) {
                progress.update(lines, valid);
            }
        }

        @Override
        public void oversized(long lineNo) {
            lines++;
            rejected++;
            error(lineNo, null, "line longer than " + NdjsonLines.MAX_LINE_BYTES + " bytes");
        }

        @Override
        public void error(long line, String field, String message) {
            errorCount++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new IngestError(line, field, message));
            }
        }
    }
}
