package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** externaldata: files come from the caller's source at compile time and become a VALUES CTE of parameters. */
class ExternalDataTest {

    private static CompileOptions serving(Map<String, String> files) {
        return TestSupport.options().withExternalData(uri -> Optional.ofNullable(files.get(uri.toString()))
                .map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void byDefault_noFileIsRead_andTheErrorNamesTheUrlAndHowToAllowIt() {
        assertThatThrownBy(() -> TestSupport.compile(
                "let Bad = externaldata(IP: string)[@\"https://example.org/ips.txt\"] with (format=\"txt\");\nBad"))
                .isInstanceOf(KqlException.class)
                .hasMessage("externaldata 'https://example.org/ips.txt' is not available: queries do not read the internet"
                        + " (line 1, column 36). An administrator can put the file in the external-data folder or add this URL to the allow-list.")
                .satisfies(e -> {
                    assertThat(((KqlException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(((KqlException) e).diagnostic().feature()).contains("externaldata:not-allowed");
                });
    }

    @Test
    void csv_skipsTheHeader_typesEachCell_andRendersAValuesCte() {
        CompiledQuery q = KqlCompiler.compile("""
                let Feed = externaldata(Name: string, Score: long, Seen: datetime)["https://x/f.csv"] with (format="csv", ignoreFirstRecord=true);
                Feed | where Score > 1""", serving(Map.of("https://x/f.csv", "Name,Score,Seen\n\"a,b\",5,2024-01-02\nc,oops,\n")));
        assertThat(q.sql()).isEqualTo("WITH _cte0 AS (SELECT * FROM (VALUES (CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(CAST(? AS TIMESTAMP) AS TIMESTAMP)),"
                + " (CAST(? AS VARCHAR), CAST(CAST(NULL AS BIGINT) AS BIGINT), CAST(CAST(NULL AS TIMESTAMP) AS TIMESTAMP))) AS _t0(\"Name\", \"Score\", \"Seen\"))"
                + " SELECT * FROM _cte0 WHERE (\"Score\" > ?)");
        assertThat(q.parameters()).containsExactly("a,b", 5L, LocalDateTime.of(2024, 1, 2, 0, 0), "c", 1L);
    }

    @Test
    void txt_isOneRecordPerLine_andJsonLinesMatchColumnsByName() {
        CompiledQuery txt = KqlCompiler.compile("externaldata(Line: string)[\"https://x/a.txt\"]",
                serving(Map.of("https://x/a.txt", "one\r\ntwo\n\n")));
        assertThat(txt.parameters()).containsExactly("one", "two");
        CompiledQuery json = KqlCompiler.compile("externaldata(Id: long, Tags: dynamic)[\"https://x/a\"] with (format='multijson')",
                serving(Map.of("https://x/a", "{\"Tags\": [\"t\"], \"Id\": 7}\n{\"Id\": 8}")));
        assertThat(json.parameters()).containsExactly(7L, "[\"t\"]", 8L);
    }

    @Test
    void aSourceFailure_isReportedWithItsMessage() {
        CompileOptions broken = TestSupport.options().withExternalData(uri -> {
            throw new IOException("disk on fire");
        });
        assertThatThrownBy(() -> KqlCompiler.compile("externaldata(A: string)[\"file.csv\"]", broken))
                .hasMessage("externaldata 'file.csv' could not be read: disk on fire (line 1, column 25).");
    }

    @Test
    void moreThanTheRowCap_isRefusedWithAHint() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= 100_000; i++) {
            b.append(i).append('\n');
        }
        CompileOptions big = TestSupport.options().withExternalData(uri -> Optional.of(b.toString().getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> KqlCompiler.compile("externaldata(N: long)[\"https://x/big.txt\"]", big))
                .hasMessage("externaldata 'https://x/big.txt' has more than 100000 rows (line 1, column 23). Load large data sets into the event store instead.");
    }

    @Test
    void theSourceSeesEachUrlAsAUri() {
        List<URI> asked = new ArrayList<>();
        KqlCompiler.compile("externaldata(A: string)[h@\"https://x/1.csv\", \"https://x/2.csv\"]",
                TestSupport.options().withExternalData(uri -> {
                    asked.add(uri);
                    return Optional.of(new byte[0]);
                }));
        assertThat(asked).containsExactly(URI.create("https://x/1.csv"), URI.create("https://x/2.csv"));
    }
}
