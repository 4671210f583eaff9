package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** parse-kv, with the reference page's examples and printed results; executed on DuckDB. */
class ParseKvTest extends DuckDbTestBase {
    @Test
    void quotedKeysAndValues_areUnquoted_andConverted() throws Exception {
        assertThat(rows("""
                print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="connection aborted" "event time"=2021-01-01T10:00:54'
                | parse-kv str as (['event time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='"')
                | project-away str"""))
                .containsExactly(List.of(LocalDateTime.parse("2021-01-01T10:00:54"), "10.1.1.123", "10.1.1.124", 125L, "connection aborted"));
    }

    @Test
    void twoCharacterQuote_opensAndCloses() throws Exception {
        assertThat(rows("""
                print str='src=10.1.1.123 failure=(connection aborted) (event time)=(2021-01-01 10:00:54)'
                | parse-kv str as (['event time']:datetime, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='()')
                | project-away str"""))
                .containsExactly(List.of(LocalDateTime.parse("2021-01-01T10:00:54"), "connection aborted"));
    }

    @Test
    void greedy_readsUpToTheNextKey() throws Exception {
        String kql = """
                print str='name=John Doe phone=555 5555 city=New York'
                | parse-kv str as (name:string, phone:string, city:string) with (pair_delimiter=' ', kv_delimiter='='%s)
                | project-away str""";
        assertThat(rows(kql.formatted(""))).containsExactly(List.of("John", "555", "New"));
        assertThat(rows(kql.formatted(", greedy=true"))).containsExactly(List.of("John Doe", "555 5555", "New York"));
    }

    @Test
    void regex_groupOneIsTheKey_groupTwoTheValue() throws Exception {
        assertThat(rows("""
                print str=@'["referer url: https://hostname.com/redirect?dest=/?h=1234", "advertiser id: 24fefbca-cf27-4d62-a623-249c2ad30c73"]'
                | parse-kv str as (['referer url']:string, ['advertiser id']: guid, missing: string) with (regex=@'"([\\w ]+)\\s*:\\s*([^"]*)"')
                | project-away str"""))
                .containsExactly(List.of("https://hostname.com/redirect?dest=/?h=1234", "24fefbca-cf27-4d62-a623-249c2ad30c73", ""));
    }

    @Test
    void missingDelimiters_sayWhatIsNeeded() {
        assertThatThrownBy(() -> TestSupport.compile("print s='a=1'\n| parse-kv s as (a: long)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("parse-kv needs with (pair_delimiter=..., kv_delimiter=...)")
                .hasMessageContaining("line 2, column 3");
    }
}
