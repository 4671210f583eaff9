package dev.rampart.kql;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;

import java.time.Instant;
import java.util.List;

/** A two-table schema that keeps expected SQL short, and options without window or row cap. */
public final class TestSupport {
    public static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private TestSupport() {
    }

    public static Schema schema() {
        Table events = new Table("Events", "test", "", List.of(
                new Column("Timestamp", KqlType.DATETIME, ""),
                new Column("DeviceId", KqlType.STRING, ""),
                new Column("DeviceName", KqlType.STRING, ""),
                new Column("FileName", KqlType.STRING, ""),
                new Column("FileSize", KqlType.LONG, ""),
                new Column("AdditionalFields", KqlType.DYNAMIC, "")));
        Table devices = new Table("Devices", "test", "", List.of(
                new Column("DeviceId", KqlType.STRING, ""),
                new Column("DeviceName", KqlType.STRING, ""),
                new Column("OSPlatform", KqlType.STRING, "")));
        return new Schema(List.of(events, devices));
    }

    public static CompileOptions options() {
        return CompileOptions.defaults(NOW).withSchema(schema()).withDefaultWindow(null).withRowLimit(0);
    }

    public static CompiledQuery compile(String kql) {
        return KqlCompiler.compile(kql, options());
    }
}
