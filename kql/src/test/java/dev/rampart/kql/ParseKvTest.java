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
    void spacesAroundKeysAndValues_areNotPartOfThem_asInTheFirstExample() throws Exception {
        assertThat(rows("""
                print str="ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info"
                | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (pair_delimiter=',', kv_delimiter=':')
                | project-away str"""))
                .containsExactly(List.of("The service is up", 458745723L, "Node001"));
    }

    @Test
    void escapedQuoteInsideAQuotedValue_isKeptWithoutItsEscape() throws Exception {
        assertThat(rows("""
                print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="the remote host sent \\\\"bye!\\\\"" time=2021-01-01T10:00:54'
                | parse-kv str as (['time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='"', escape='\\\\')
                | project-away str"""))
                .containsExactly(List.of(LocalDateTime.parse("2021-01-01T10:00:54"), "10.1.1.123", "10.1.1.124", 125L,
                        "the remote host sent \"bye!\""));
    }

    @Test
    void withoutWithClause_everyNonAlphanumericCharacterDelimits() throws Exception {
        assertThat(rows("""
                print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: Started"
                | parse-kv str as (Text: string, ThreadId:long, Machine: string)
                | project-away str"""))
                .containsExactly(List.of("Started", 458745723L, "Node001"));
    }

    @Test
    void withoutDelimiters_quotesAndEscapesStillApply() throws Exception {
        assertThat(rows("""
                print str="2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: 'The service \\\\' is up'"
                | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (quote="'", escape='\\\\')
                | project-away str"""))
                .containsExactly(List.of("The service ' is up", 458745723L, "Node001"));
    }

    @Test
    void withoutDelimiters_aKeyIsAWholeWord() throws Exception {
        assertThat(rows("print str='XId=1 Id=2' | parse-kv str as (Id: long) | project Id")).containsExactly(List.of(2L));
    }

    @Test
    void repeatedQuote_acceptsEachKind() throws Exception {
        assertThat(rows("""
                print str="a='x y' b=\\"p q\\" c=z"
                | parse-kv str as (a:string, b:string, c:string) with (pair_delimiter=' ', kv_delimiter='=', quote="'", quote='"')
                | project-away str"""))
                .containsExactly(List.of("x y", "p q", "z"));
    }

    @Test
    void onlyOneDelimiter_saysBothAreNeeded() {
        assertThatThrownBy(() -> TestSupport.compile("print s='a=1'\n| parse-kv s as (a: long) with (kv_delimiter='=')"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("parse-kv needs both pair_delimiter and kv_delimiter")
                .hasMessageContaining("line 2, column 3");
    }

    @Test
    void badQuoteEscapeOrGreedy_areReported() {
        assertThatThrownBy(() -> TestSupport.compile("print s='a=1' | parse-kv s as (a: long) with (quote='<<>')"))
                .hasMessageStartingWith("A parse-kv quote is one character, or two for an opening and a closing quote, but was '<<>'");
        assertThatThrownBy(() -> TestSupport.compile("print s='a=1' | parse-kv s as (a: long) with (quote='\"', escape='ab')"))
                .hasMessageStartingWith("A parse-kv escape is one character but was 'ab'");
        assertThatThrownBy(() -> TestSupport.compile("print s='a=1' | parse-kv s as (a: long) with (greedy=true)"))
                .hasMessageStartingWith("parse-kv's greedy mode needs pair_delimiter and kv_delimiter");
        assertThatThrownBy(() -> TestSupport.compile("print s='a=1' | parse-kv s as (a: long) with (pair_delimiter=' ', pair_delimiter=',', kv_delimiter='=')"))
                .hasMessageStartingWith("The parse-kv option 'pair_delimiter' is given twice");
    }
}
