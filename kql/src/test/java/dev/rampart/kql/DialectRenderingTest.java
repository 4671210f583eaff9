package dev.rampart.kql;

import dev.rampart.kql.sql.PostgresDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One KQL query in, one expected SQL per dialect out: the plan is the same, only the dialect's spelling
 * differs (DuckDB is what runs today; PostgreSQL is rendered, not executed here).
 */
class DialectRenderingTest {

    static Stream<Arguments> cases() {
        return Stream.of(                Arguments.of("stringOperators",
                        "Events | where FileName =~ \"cmd.exe\" and DeviceName contains \"srv\" and FileName !endswith \".dll\" and FileName has \"cmd\" | project Timestamp, DeviceName",
                        """
                        SELECT "Timestamp", "DeviceName" FROM "Events" WHERE ((((lower("FileName") = ?) AND contains(lower("DeviceName"), ?)) AND ((ends_with(lower("FileName"), ?)) IS NOT TRUE)) AND regexp_matches("FileName", ?))""",
                        """
                        SELECT "Timestamp", "DeviceName" FROM "Events" WHERE ((((lower("FileName") = ?) AND (strpos(lower("DeviceName"), ?) > 0)) AND (((right(lower("FileName"), length(?)) = ?)) IS NOT TRUE)) AND ("FileName" ~ ?))"""),
                Arguments.of("binnedCountAndDistinctCount",
                        "Events | summarize n = count(), d = dcount(DeviceId) by bin(Timestamp, 1h)",
                        """
                        SELECT make_timestamp(CAST(floor(epoch_us("Timestamp") / ?) AS BIGINT) * ?) AS "Timestamp", count(*) AS "n", approx_count_distinct("DeviceId") AS "d" FROM "Events" GROUP BY 1""",
                        """
                        SELECT (TIMESTAMP 'epoch' + (CAST(floor(CAST(CAST(extract(epoch FROM "Timestamp") * 1000000 AS BIGINT) AS NUMERIC) / ?) AS BIGINT) * ? * INTERVAL '1 microsecond')) AS "Timestamp", count(*) AS "n", count(DISTINCT "DeviceId") AS "d" FROM "Events" GROUP BY 1"""),
                Arguments.of("defaultJoin_keepsOneLeftRowPerKey",
                        "Events | join Devices on DeviceId | project DeviceName, OSPlatform",
                        """
                        SELECT _t3."DeviceName", _t3."OSPlatform" FROM (SELECT _t0."Timestamp" AS "Timestamp", _t0."DeviceId" AS "DeviceId", _t0."DeviceName" AS "DeviceName", _t0."FileName" AS "FileName", _t0."FileSize" AS "FileSize", _t0."AdditionalFields" AS "AdditionalFields", _t1."DeviceId" AS "DeviceId1", _t1."DeviceName" AS "DeviceName1", _t1."OSPlatform" AS "OSPlatform" FROM (SELECT * FROM (SELECT * FROM "Events") AS _t2 QUALIFY row_number() OVER (PARTITION BY _t2."DeviceId") = 1) AS _t0 INNER JOIN (SELECT * FROM "Devices") AS _t1 ON _t0."DeviceId" IS NOT DISTINCT FROM _t1."DeviceId") AS _t3""",
                        """
                        SELECT _t3."DeviceName", _t3."OSPlatform" FROM (SELECT _t0."Timestamp" AS "Timestamp", _t0."DeviceId" AS "DeviceId", _t0."DeviceName" AS "DeviceName", _t0."FileName" AS "FileName", _t0."FileSize" AS "FileSize", _t0."AdditionalFields" AS "AdditionalFields", _t1."DeviceId" AS "DeviceId1", _t1."DeviceName" AS "DeviceName1", _t1."OSPlatform" AS "OSPlatform" FROM (SELECT DISTINCT ON (_t2."DeviceId") * FROM (SELECT * FROM "Events") AS _t2) AS _t0 INNER JOIN (SELECT * FROM "Devices") AS _t1 ON _t0."DeviceId" IS NOT DISTINCT FROM _t1."DeviceId") AS _t3"""),
                Arguments.of("dynamicPathsAndSafeConversions",
                        "Events | extend Port = toint(AdditionalFields.Port), Name = tostring(AdditionalFields[\"name\"]) | where Port == 443 | project DeviceId, Port, Name",
                        """
                        SELECT _t0."DeviceId", _t0."Port", _t0."Name" FROM (SELECT *, TRY_CAST(json_extract_string("AdditionalFields", ?) AS INTEGER) AS "Port", json_extract_string("AdditionalFields", ?) AS "Name" FROM "Events") AS _t0 WHERE (_t0."Port" = ?)""",
                        """
                        SELECT _t0."DeviceId", _t0."Port", _t0."Name" FROM (SELECT *, (CASE WHEN pg_input_is_valid(CAST(("AdditionalFields" #>> string_to_array(substr(?, 2), '/')) AS TEXT), 'integer') THEN CAST(CAST(("AdditionalFields" #>> string_to_array(substr(?, 2), '/')) AS TEXT) AS INTEGER) END) AS "Port", ("AdditionalFields" #>> string_to_array(substr(?, 2), '/')) AS "Name" FROM "Events") AS _t0 WHERE (_t0."Port" = ?)"""),
                Arguments.of("argMax_picksTheWholeRow",
                        "Events | summarize arg_max(Timestamp, FileName) by DeviceId",
                        """
                        SELECT _t0."DeviceId", _t0."__pick0"."f0" AS "Timestamp", _t0."__pick0"."f1" AS "FileName" FROM (SELECT "DeviceId", coalesce(arg_max(struct_pack("f0" := "Timestamp", "f1" := "FileName"), "Timestamp"), any_value(struct_pack("f0" := "Timestamp", "f1" := "FileName"))) AS "__pick0" FROM "Events" GROUP BY 1) AS _t0""",
                        """
                        SELECT _t0."DeviceId", CAST(_t0."__pick0" ->> 'f0' AS TIMESTAMP) AS "Timestamp", CAST(_t0."__pick0" ->> 'f1' AS VARCHAR) AS "FileName" FROM (SELECT "DeviceId", (array_agg(jsonb_build_object('f0', "Timestamp", 'f1', "FileName") ORDER BY "Timestamp" DESC NULLS LAST))[1] AS "__pick0" FROM "Events" GROUP BY 1) AS _t0"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameQuery_rendersForEachDialect(String name, String kql, String duckDb, String postgres) {
        assertThat(TestSupport.compile(kql).sql()).isEqualTo(duckDb.strip());
        assertThat(KqlCompiler.compile(kql, TestSupport.options().withDialect(new PostgresDialect())).sql()).isEqualTo(postgres.strip());
    }
}
