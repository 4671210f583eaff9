package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventIngestorTest {
    private TempEventStore temp;
    private EventIngestor ingestor;

    @BeforeEach
    void open() throws Exception {
        temp = new TempEventStore();
        ingestor = new EventIngestor(temp.store);
    }

    @AfterEach
    void close() throws Exception {
        temp.close();
    }

    private long ingest(String table, String body) {
        return ingestor.ingest(table, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), EventIngestor.Progress.NONE);
    }

    @Test
    void ingest_goodBatch_isStoredAndQueryable() throws Exception {
        String body = "\uFEFF{\"Timestamp\":\"2024-05-01T10:00:00Z\",\"DeviceName\":\"ws1\",\"FileSize\":10}\r\n"
                + "\n"
                + "  {\"Timestamp\":\"2024-05-01T11:00:00+01:00\",\"DeviceName\":\"ws2\",\"AdditionalFields\":{\"x\":1}}\n"
                + "{\"DeviceName\":\"ws3\"}";
        assertThat(ingest("DeviceProcessEvents", body)).isEqualTo(3);
        assertThat(temp.count("SELECT count(*) FROM DeviceProcessEvents")).isEqualTo(3);
        assertThat(temp.count("SELECT count(*) FROM DeviceProcessEvents WHERE Timestamp = TIMESTAMP '2024-05-01 10:00:00'")).isEqualTo(2);
        assertThat(temp.string("SELECT AdditionalFields FROM DeviceProcessEvents WHERE DeviceName = 'ws2'")).isEqualTo("{\"x\":1}");
    }

    @Test
    void ingest_badLineAfterManyGoodRows_storesNothingAndReportsLine() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            body.append("{\"DeviceName\":\"ws").append(i).append("\",\"FileSize\":").append(i).append("}\n");
        }
        body.append("{\"FileSize\":\"abc\"}\n");
        body.append("{\"DeviceName\":\"after\"}\n");
        assertThatThrownBy(() -> ingest("DeviceProcessEvents", body.toString()))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("1 of 5002 lines rejected");
                    assertThat(e.errors()).containsExactly(new IngestError(5001, "FileSize", "expected long, got string \"abc\""));
                });
        assertThat(temp.count("SELECT count(*) FROM DeviceProcessEvents")).isZero();
        // The store stays usable after the rollback.
        assertThat(ingest("DeviceProcessEvents", "{\"DeviceName\":\"ok\"}")).isEqualTo(1);
        assertThat(temp.count("SELECT count(*) FROM DeviceProcessEvents")).isEqualTo(1);
    }

    @Test
    void ingest_manyBadLines_capsListButCountsAll() {
        String body = "{\"FileSize\":\"x\"}\n".repeat(250);
        assertThatThrownBy(() -> ingest("DeviceProcessEvents", body))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> {
                    assertThat(e.errors()).hasSize(EventIngestor.MAX_REPORTED_ERRORS);
                    assertThat(e.errorCount()).isEqualTo(250);
                    assertThat(e.rejectedLines()).isEqualTo(250);
                });
    }

    @Test
    void ingest_unknownTable_suggestsNearest() {
        assertThatThrownBy(() -> ingest("DeviceProcesEvents", "{}"))
                .isInstanceOfSatisfying(UnknownTableException.class, e -> assertThat(e.hint()).isEqualTo("DeviceProcessEvents"));
    }

    @Test
    void ingest_lineSplitAcrossReadBuffers_isReassembled() throws Exception {
        String big = "x".repeat(3 * 1024 * 1024);
        String body = "{\"DeviceName\":\"a\"}\n{\"ProcessCommandLine\":\"" + big + "\"}\n{\"DeviceName\":\"b\"}\n";
        assertThat(ingest("DeviceProcessEvents", body)).isEqualTo(3);
        assertThat(temp.count("SELECT max(length(ProcessCommandLine)) FROM DeviceProcessEvents")).isEqualTo(big.length());
    }
}
