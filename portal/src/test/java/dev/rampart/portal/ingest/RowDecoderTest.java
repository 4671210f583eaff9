package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowDecoderTest {
    private final Table processes = HuntingSchema.get().table("DeviceProcessEvents").orElseThrow();
    private final RowDecoder decoder = new RowDecoder(processes);
    private final List<IngestError> errors = new ArrayList<>();

    private boolean decode(String line) {
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return decoder.decode(b, 2, b.length - 4, 7, (l, f, m) -> errors.add(new IngestError(l, f, m)));
    }

    private Object col(String name) {
        return decoder.row()[processes.indexOf(name)];
    }

    @Test
    void decode_validRow_mapsColumnsByNameAndMissingToNull() {
        assertThat(decode("{\"DeviceName\":\"ws1\",\"FileSize\":42,\"Timestamp\":\"2024-05-01T10:00:00Z\",\"IsProcessRemoteSession\":true}")).isTrue();
        assertThat(col("DeviceName")).isEqualTo("ws1");
        assertThat(col("FileSize")).isEqualTo(42L);
        assertThat(col("Timestamp")).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0));
        assertThat(col("IsProcessRemoteSession")).isEqualTo(true);
        assertThat(col("SHA1")).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void decode_reusedDecoder_clearsPreviousRow() {
        decode("{\"DeviceName\":\"ws1\"}");
        decode("{\"FileName\":\"a.exe\"}");
        assertThat(col("DeviceName")).isNull();
        assertThat(col("FileName")).isEqualTo("a.exe");
    }

    @Test
    void decode_stringForLong_reportsLineFieldAndValue() {
        assertThat(decode("{\"FileSize\":\"abc\"}")).isFalse();
        assertThat(errors).containsExactly(new IngestError(7, "FileSize", "expected long, got string \"abc\""));
    }

    @Test
    void decode_numericStringForLong_isAccepted() {
        assertThat(decode("{\"FileSize\":\"9007199254740993\"}")).isTrue();
        assertThat(col("FileSize")).isEqualTo(9007199254740993L);
    }

    @Test
    void decode_fractionForLong_isRejectedNotRounded() {
        assertThat(decode("{\"ProcessId\":1.5}")).isFalse();
        assertThat(errors.get(0).message()).isEqualTo("expected long, got number 1.5");
    }

    @Test
    void decode_longOutOfRange_isRejected() {
        assertThat(decode("{\"ProcessId\":123456789012345678901234}")).isFalse();
        assertThat(errors.get(0).field()).isEqualTo("ProcessId");
    }

    @Test
    void decode_unknownColumn_namesItAndSuggestsNearest() {
        assertThat(decode("{\"DeviceNmae\":\"x\",\"FileName\":\"a\"}")).isFalse();
        assertThat(errors).containsExactly(new IngestError(7, "DeviceNmae", "unknown column for DeviceProcessEvents; did you mean DeviceName?"));
    }

    @Test
    void decode_invalidJson_reportsLineWithoutField() {
        assertThat(decode("{\"DeviceName\":\"x\",")).isFalse();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isNull();
        assertThat(errors.get(0).message()).startsWith("invalid JSON:");
    }

    @Test
    void decode_notAnObject_isRejected() {
        assertThat(decode("[1,2]")).isFalse();
        assertThat(errors.get(0).message()).isEqualTo("expected a JSON object, got an array");
    }

    @Test
    void decode_twoObjectsOnOneLine_isRejected() {
        assertThat(decode("{} {}")).isFalse();
        assertThat(errors.get(0).message()).contains("after the JSON object");
    }

    @Test
    void decode_columnTwice_isRejected() {
        assertThat(decode("{\"Timestamp\":\"2024-01-01\",\"TimeGenerated\":\"2024-01-02\"}")).isFalse();
        assertThat(errors).containsExactly(new IngestError(7, "Timestamp", "column given twice"));
    }

    @Test
    void decode_timeGenerated_isAliasOfTimestamp() {
        assertThat(decode("{\"TimeGenerated\":\"2024-01-02T03:04:05.1234567+02:00\"}")).isTrue();
        assertThat(col("Timestamp")).isEqualTo(LocalDateTime.of(2024, 1, 2, 1, 4, 5, 123456700));
    }

    @Test
    void decode_badDatetime_isRejected() {
        assertThat(decode("{\"Timestamp\":\"yesterday\"}")).isFalse();
        assertThat(errors.get(0).message()).startsWith("expected datetime (ISO-8601");
        errors.clear();
        assertThat(decode("{\"Timestamp\":1714557600}")).isFalse();
        assertThat(errors.get(0).message()).endsWith("got number 1714557600");
    }

    @Test
    void decode_nonStringForStringColumn_storesJsonText() {
        assertThat(decode("{\"DeviceName\":12,\"FileName\":true,\"AdditionalFields\":{\"a\": [1, \"x\"]}}")).isTrue();
        assertThat(col("DeviceName")).isEqualTo("12");
        assertThat(col("FileName")).isEqualTo("true");
        assertThat(col("AdditionalFields")).isEqualTo("{\"a\":[1,\"x\"]}");
    }

    @Test
    void decode_boolAsString_isRejected() {
        assertThat(decode("{\"IsProcessRemoteSession\":\"true\"}")).isFalse();
        assertThat(errors.get(0).message()).isEqualTo("expected bool, got string \"true\"");
    }

    @Test
    void decode_nullValue_storesNull() {
        assertThat(decode("{\"FileSize\":null,\"DeviceName\":null}")).isTrue();
        assertThat(col("FileSize")).isNull();
    }

    @Test
    void decode_severalBadFields_reportsEach() {
        assertThat(decode("{\"FileSize\":\"x\",\"ProcessId\":\"y\"}")).isFalse();
        assertThat(errors).extracting(IngestError::field).containsExactly("FileSize", "ProcessId");
    }

    @Test
    void decode_dynamicColumn_keepsJsonAndUnwrapsEncodedJson() {
        Table logons = HuntingSchema.get().tables().stream()
                .filter(t -> t.columns().stream().anyMatch(c -> c.type() == KqlType.DYNAMIC)).findFirst().orElseThrow();
        String dyn = logons.columns().stream().filter(c -> c.type() == KqlType.DYNAMIC).findFirst().orElseThrow().name();
        RowDecoder d = new RowDecoder(logons);
        byte[] b = ("{\"" + dyn + "\":\"{\\\"k\\\": 1}\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(d.decode(b, 0, b.length, 1, (l, f, m) -> errors.add(new IngestError(l, f, m)))).isTrue();
        assertThat(d.row()[logons.indexOf(dyn)]).isEqualTo("{\"k\":1}");
        b = ("{\"" + dyn + "\":\"plain\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(d.decode(b, 0, b.length, 1, (l, f, m) -> errors.add(new IngestError(l, f, m)))).isTrue();
        assertThat(d.row()[logons.indexOf(dyn)]).isEqualTo("\"plain\"");
        assertThat(errors).isEmpty();
    }
}
