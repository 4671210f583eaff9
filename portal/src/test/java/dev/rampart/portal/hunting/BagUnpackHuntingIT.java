package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** bag_unpack without an output schema in a hunting query: one column per key the event store holds. */
class BagUnpackHuntingIT extends AbstractPortalIT {
    @Autowired
    EventStore events;
    @Autowired
    ObjectMapper json;
    @Autowired
    QueryExecutor executor;
    @Autowired
    dev.rampart.portal.detection.RuleEvaluator rules;

    String device;

    @BeforeEach
    void seed() {
        device = "bag-" + UUID.randomUUID().toString().substring(0, 8) + ".corp.example";
        Table t = events.table("DeviceEvents");
        Instant now = Instant.now();
        events.write(s -> {
            var a = s.appender("DeviceEvents");
            a.append(row(t, now.minus(Duration.ofHours(1)), "{\"RemotePort\":445,\"ShareName\":\"ADMIN$\"}"));
            a.append(row(t, now.minus(Duration.ofHours(2)), "{\"RemotePort\":139,\"Elevated\":true}"));
            // Outside the default 30-day window: the query does not read it, so neither do its columns.
            a.append(row(t, now.minus(Duration.ofDays(40)), "{\"Forgotten\":1}"));
            return null;
        });
    }

    private Object[] row(Table t, Instant ts, String additionalFields) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        r[t.indexOf("DeviceName")] = device;
        r[t.indexOf("DeviceId")] = "dev-" + device.hashCode();
        r[t.indexOf("ActionType")] = "RemoteShareAccess";
        r[t.indexOf("AdditionalFields")] = additionalFields;
        return r;
    }

    @Test
    void bagUnpack_ofAdditionalFields_addsOneTypedColumnPerKey() throws Exception {
        String q = "DeviceEvents | where DeviceName == \"" + device + "\" | extend af = parse_json(AdditionalFields)"
                + " | project Timestamp, af | evaluate bag_unpack(af) | order by Timestamp desc | project-away Timestamp";
        HttpResponse<String> r = post("/api/v1/hunting/run", "application/json", json.writeValueAsString(Map.of("Query", q)),
                "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        List<String> schema = new ArrayList<>();
        body.get("schema").forEach(c -> schema.add(c.get("name").asString() + ":" + c.get("type").asString()));
        assertThat(schema).containsExactly("Elevated:Boolean", "RemotePort:Int64", "ShareName:String");
        assertThat(body.get("results")).hasSize(2);
        assertThat(body.get("results").get(0).get("RemotePort").asLong()).isEqualTo(445L);
        assertThat(body.get("results").get(0).get("ShareName").asString()).isEqualTo("ADMIN$");
        assertThat(body.get("results").get(0).get("Elevated").isNull()).isTrue();
        assertThat(body.get("results").get(1).get("RemotePort").asLong()).isEqualTo(139L);
        assertThat(body.get("results").get(1).get("Elevated").asBoolean()).isTrue();
    }

    @Test
    void keyProbe_pastItsTimeout_isStopped_andSaysHowToAvoidIt() {
        var probe = executor.bagKeys(Duration.ofSeconds(1), null);
        assertThatThrownBy(() -> probe.keys("SELECT CAST(count(*) AS VARCHAR) AS \"key\", NULL AS \"type\" FROM range(1000000000000) a", List.of()))
                .isInstanceOf(QueryExecutor.QueryTimeoutException.class)
                .hasMessageContaining("The columns bag_unpack or pivot take from the data could not be read within 1 s; declare the output columns");
    }

    @Test
    void customDetection_canFilterOnAnUnpackedKey() {
        var e = rules.evaluate("DeviceEvents | where DeviceName == \"" + device + "\" | extend af = parse_json(AdditionalFields)"
                + " | project Timestamp, DeviceName, af | evaluate bag_unpack(af) | where ShareName == 'ADMIN$'",
                dev.rampart.portal.detection.EntityMapping.automatic(), Instant.now(), Duration.ofDays(1));
        assertThat(e.columns()).containsExactly("Timestamp", "DeviceName", "Elevated", "RemotePort", "ShareName");
        assertThat(e.rowCount()).isEqualTo(1);
    }
}
