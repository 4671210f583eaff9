package dev.rampart.portal.core;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code rampart.*}. Every file the portal writes lives below {@link #dataDir()}.
 *
 * @param dataDir         root of all stored data (H2 state, DuckDB events, indexes); env {@code RAMPART_DATA_DIR}
 * @param retentionDays   events older than this are deleted by the retention job
 * @param duckdbMemory    DuckDB memory limit, e.g. {@code 4GB}
 * @param duckdbThreads   DuckDB worker threads (0 = number of cores)
 * @param ingestMaxBytes  largest accepted ingest request body; larger ones get 413
 */
@ConfigurationProperties(prefix = "rampart")
public record RampartProperties(
        Path dataDir,
        int retentionDays,
        String duckdbMemory,
        int duckdbThreads,
        DataSize ingestMaxBytes) {

    public RampartProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (retentionDays <= 0) {
            retentionDays = 30;
        }
        if (duckdbMemory == null || duckdbMemory.isBlank()) {
            duckdbMemory = "4GB";
        }
        if (ingestMaxBytes == null) {
            ingestMaxBytes = DataSize.ofMegabytes(64);
        }
    }

    public Path eventStoreFile() {
        return dataDir.resolve("events.duckdb");
    }
}
