package dev.rampart.kql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** externaldata files from a local folder, run on DuckDB: the rows a query sees, per format. */
class ExternalDataSemanticsTest {
    @TempDir
    Path folder;

    /** Serves {@code https://feeds.test/<name>} from the temporary folder, by file name. */
    private CompileOptions options() {
        return TestSupport.options().withExternalData(uri -> {
            Path p = folder.resolve(Path.of(uri.getPath()).getFileName().toString());
            return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        });
    }

    private List<List<Object>> run(String kql) throws Exception {
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            return db.run(KqlCompiler.compile(kql, options()));
        }
    }

    @Test
    void csv_withHeaderSkipped_quotedCommas_andTypedCells() throws Exception {
        Files.writeString(folder.resolve("iocs.csv"), "Sha1,Score,Seen\n\"aa,bb\",5,2024-01-02 03:04:05\ncc,not-a-number,\n");
        assertThat(run("""
                externaldata(Sha1: string, Score: long, Seen: datetime)["https://feeds.test/iocs.csv"]
                with (format="csv", ignoreFirstRecord=true)
                | order by Sha1 asc""")).containsExactly(
                List.of("aa,bb", 5L, LocalDateTime.of(2024, 1, 2, 3, 4, 5)),
                Arrays.asList("cc", null, null));
    }

    @Test
    void tsv_joinsWithAQueryLikeAnyTable() throws Exception {
        Files.writeString(folder.resolve("hosts.tsv"), "web-01\tprod\nlaptop-7\tdev\n");
        assertThat(run("""
                let Tier = externaldata(Host: string, Env: string)[@"https://feeds.test/hosts.tsv"] with (format="tsv");
                datatable(Host: string, Hits: long)["web-01", 3, "db-02", 4]
                | join kind=inner Tier on Host
                | project Host, Env, Hits""")).containsExactly(List.of("web-01", "prod", 3L));
    }

    @Test
    void jsonLines_matchColumnsByName_andKeepDynamicValues() throws Exception {
        Files.writeString(folder.resolve("actors.json"), "{\"Name\":\"APT-X\",\"Aliases\":[\"a\",\"b\"]}\n{\"Aliases\":[],\"Name\":\"Lone\"}\n");
        assertThat(run("""
                externaldata(Name: string, Aliases: dynamic)["https://feeds.test/actors.json"] with (format="multijson")
                | extend n = array_length(Aliases)
                | project Name, n""")).containsExactly(List.of("APT-X", 2L), List.of("Lone", 0L));
    }
}
