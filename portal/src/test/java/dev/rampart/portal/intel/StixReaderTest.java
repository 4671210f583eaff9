package dev.rampart.portal.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StixReaderTest {

    private static StixReader.Result read(String json) {
        return StixReader.read("t.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_attackTechnique_keepsIdTacticAndSubtechniqueFlag() {
        var r = read("""
                {"type":"bundle","id":"bundle--6f1c2b7e-0000-4000-8000-000000000001","objects":[{"type":"attack-pattern",
                 "id":"attack-pattern--7385dfaf-6886-4229-9ecd-6fd678040830","created":"2017-05-31T21:30:49.546Z","modified":"2024-04-17T12:00:00.000Z",
                 "name":"PowerShell","x_mitre_is_subtechnique":true,"kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"execution"}],
                 "external_references":[{"source_name":"mitre-attack","external_id":"T1059.001","url":"https://attack.mitre.org/techniques/T1059/001"}]},
                 {"type":"identity","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","name":"MITRE","created":"2017-06-01T00:00:00Z"}]}
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.skipped()).isEqualTo(1);
        StixObject o = r.objects().get(0);
        assertThat(o.externalId()).isEqualTo("T1059.001");
        assertThat(o.labels()).containsExactly("execution");
        assertThat(o.subtechnique()).isTrue();
        assertThat(o.modified()).hasToString("2024-04-17T12:00:00Z");
    }

    @Test
    void read_singleObjectAndAliases_withoutOwnName() {
        var r = read("""
                {"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--da1065ce-972c-4605-8755-9cd1074e3b5a","created":"2015-05-15T09:12:16.432Z",
                 "modified":"2015-05-15T09:12:16.432Z","name":"APT1","aliases":["APT1","Comment Crew"],"first_seen":"2006-06-01T18:00:00.000Z"}
                """);
        StixObject o = r.objects().get(0);
        assertThat(o.aliases()).containsExactly("Comment Crew");
        assertThat(o.firstSeen()).hasToString("2006-06-01T18:00:00Z");
    }

    @Test
    void read_brokenObjects_areReportedAndTheOthersKept() {
        var r = read("""
                [{"type":"malware","id":"malware--1","name":"x","created":"2020-01-01T00:00:00Z"},
                 {"id":"tool--2485b844-4efe-4343-84c8-eb33312dd56f"},
                 {"type":"tool","id":"tool--2485b844-4efe-4343-84c8-eb33312dd56f","name":"gsecdump","created":"2020-01-01"},
                 {"type":"indicator","id":"indicator--2485b844-4efe-4343-84c8-eb33312dd56f","created":"2020-01-01T00:00:00Z"},
                 {"type":"relationship","id":"relationship--2485b844-4efe-4343-84c8-eb33312dd56f","created":"2020-01-01T00:00:00Z","source_ref":"a--b"},
                 {"type":"tool","id":"tool--3485b844-4efe-4343-84c8-eb33312dd56f","name":"ok","modified":"2020-01-01T00:00:00Z"}]
                """);
        assertThat(r.problems()).containsExactly(
                "t.json: object 1 (malware): 'id' must be malware--<uuid>, got 'malware--1'",
                "t.json: object 2: missing 'type'",
                "t.json: object 3 (tool--2485b844-4efe-4343-84c8-eb33312dd56f): 'created' is not a timestamp like 2020-01-31T12:00:00Z: '2020-01-01'",
                "t.json: object 4 (indicator--2485b844-4efe-4343-84c8-eb33312dd56f): missing 'pattern'",
                "t.json: object 5 (relationship--2485b844-4efe-4343-84c8-eb33312dd56f): missing 'relationship_type'");
        assertThat(r.objects()).extracting(StixObject::name).containsExactly("ok");
    }

    @Test
    void read_notJson_namesLineAndColumn() {
        var r = read("{\"type\": \"bundle\",\n  \"objects\": [ oops ]}");
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0)).startsWith("t.json: line 2, column 16: not JSON (");
    }

    @Test
    void read_notStix_saysSo() {
        assertThat(read("{\"hello\": 1}").problems()).containsExactly("t.json: not a STIX bundle or object (no 'type')");
        assertThat(read("{\"type\": \"bundle\"}").problems()).containsExactly("t.json: the bundle has no 'objects' array");
    }

    @Test
    void read_mobileIdsNamelessMalwarePatternTypeAndOnlyWebUrls() {
        var r = read("""
                [{"type":"attack-pattern","id":"attack-pattern--0c71ea66-2b08-4a4f-9c2a-5f1a4c1f0001","modified":"2024-01-01T00:00:00Z","name":"Phish",
                  "external_references":[{"source_name":"mitre-mobile-attack","external_id":"T1660","url":"javascript:alert(1)"}]},
                 {"type":"malware","spec_version":"2.1","id":"malware--0c71ea66-2b08-4a4f-9c2a-5f1a4c1f0002","modified":"2024-01-01T00:00:00Z","is_family":false},
                 {"type":"indicator","id":"indicator--0c71ea66-2b08-4a4f-9c2a-5f1a4c1f0003","modified":"2024-01-01T00:00:00Z","pattern":"rule x { }","pattern_type":"yara"}]
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.objects().get(0).externalId()).isEqualTo("T1660");
        assertThat(r.objects().get(0).url()).isNull();
        assertThat(r.objects().get(1).name()).isEqualTo("malware--0c71ea66-2b08-4a4f-9c2a-5f1a4c1f0002");
        assertThat(r.objects().get(2).patternType()).isEqualTo("yara");
    }
}
