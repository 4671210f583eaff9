package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Schema;
import dev.rampart.portal.hunting.GuidedQuery.Condition;
import dev.rampart.portal.hunting.GuidedQuery.InvalidGuidedQueryException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuidedQueryTest {
    static final Schema SCHEMA = HuntingSchema.get();

    static String kql(String table, boolean all, List<Condition> conditions, List<String> show, int limit) {
        String text = new GuidedQuery(table, all, conditions, show, limit).toKql(SCHEMA);
        KqlCompiler.compile(text, CompileOptions.defaults(Instant.EPOCH)); // what the builder writes always compiles
        return text;
    }

    @Test
    void conditions_becomeOneWhereJoinedByAndOrOr() {
        assertThat(kql("DeviceProcessEvents", true, List.of(
                new Condition("FileName", "=~", "powershell.exe"),
                new Condition("ProcessCommandLine", "contains", "-enc"),
                new Condition("", "", "")), List.of("Timestamp", "DeviceName", "ProcessCommandLine"), 100))
                .isEqualTo("DeviceProcessEvents\n| where FileName =~ \"powershell.exe\"\n    and ProcessCommandLine contains \"-enc\"\n"
                        + "| project Timestamp, DeviceName, ProcessCommandLine\n| take 100");
        assertThat(kql("DeviceNetworkEvents", false, List.of(new Condition("RemotePort", "in", "3389, 22"),
                new Condition("RemotePort", ">=", "49152")), List.of(), 0))
                .isEqualTo("DeviceNetworkEvents\n| where RemotePort in (3389, 22)\n    or RemotePort >= 49152");
    }

    @Test
    void values_areEscapedLiteralsOfTheColumnsType() {
        assertThat(kql("DeviceFileEvents", true, List.of(new Condition("FolderPath", "startswith", "C:\\Users\\\"x\""),
                new Condition("FileName", "!in~", "a.exe,b.exe"), new Condition("Timestamp", "ago>", "2h"),
                new Condition("Timestamp", "<", "2026-12-01 14:30"), new Condition("AdditionalFields", "contains", "x"),
                new Condition("SHA256", "isnotempty", "ignored")), List.of(), 0))
                .isEqualTo("DeviceFileEvents\n| where FolderPath startswith \"C:\\\\Users\\\\\\\"x\\\"\"\n    and FileName !in~ (\"a.exe\", \"b.exe\")\n"
                        + "    and Timestamp > ago(2h)\n    and Timestamp < datetime(2026-12-01T14:30)\n"
                        + "    and AdditionalFields contains \"x\"\n    and isnotempty(SHA256)");
    }

    @Test
    void dynamicColumns_matchOnTheirText_andBooleansOnTheirValue() {
        assertThat(kql("MessageEvents", true, List.of(new Condition("RecipientDetails", "!contains", "Audit")), List.of(), 10))
                .isEqualTo("MessageEvents\n| where tostring(RecipientDetails) !contains \"Audit\"\n| take 10");
        assertThat(kql("DeviceInfo", true, List.of(new Condition("IsInternetFacing", "true", "")), List.of("DeviceName"), 0))
                .isEqualTo("DeviceInfo\n| where IsInternetFacing == true\n| project DeviceName");
    }

    @Test
    void badInput_namesTheConditionAndWhatIsWrong() {
        assertThatThrownBy(() -> kql("NoSuchTable", true, List.of(), List.of(), 0))
                .isInstanceOfSatisfying(InvalidGuidedQueryException.class, e -> assertThat(e.field()).isEqualTo("table"));
        assertThatThrownBy(() -> kql("DeviceNetworkEvents", true, List.of(new Condition("DeviceName", "==", "x"),
                new Condition("RemotePort", ">", "many")), List.of(), 0))
                .isInstanceOfSatisfying(InvalidGuidedQueryException.class, e -> {
                    assertThat(e.field()).isEqualTo("condition 2");
                    assertThat(e.getMessage()).isEqualTo("RemotePort is a number; 'many' is not.");
                });
        assertThatThrownBy(() -> kql("DeviceNetworkEvents", true, List.of(new Condition("Nope", "==", "x")), List.of(), 0))
                .hasMessage("DeviceNetworkEvents has no column 'Nope'.");
        assertThatThrownBy(() -> kql("DeviceNetworkEvents", true, List.of(new Condition("RemotePort", "contains", "1")), List.of(), 0))
                .hasMessage("'contains' is not an operator for RemotePort (int).");
        assertThatThrownBy(() -> kql("DeviceNetworkEvents", true, List.of(new Condition("DeviceName", "==", " ")), List.of(), 0))
                .hasMessage("Give a value for DeviceName.");
        assertThatThrownBy(() -> kql("DeviceNetworkEvents", true, List.of(new Condition("Timestamp", ">", "yesterday")), List.of(), 0))
                .hasMessageStartingWith("Timestamp needs a UTC date and time");
    }
}
