package dev.rampart.kql;

import dev.rampart.kql.schema.HuntingSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FileProfile, AssignedIPAddresses, DeviceFromIP and SeenBy answered from the event store, executed on DuckDB. */
class DefenderFunctionsTest {
    private static final Instant NOW = Instant.parse("2025-01-10T00:00:00Z");
    private DuckDb db;

    @BeforeEach
    void setUp() throws Exception {
        db = new DuckDb(HuntingSchema.get());
        db.execute("INSERT INTO DeviceFileEvents (Timestamp, DeviceId, DeviceName, FileName, SHA1, SHA256, FileSize) VALUES"
                + " ('2025-01-02 10:00:00', 'd1', 'pc1', 'evil.exe', 'aaa', 'A256', 100),"
                + " ('2025-01-03 10:00:00', 'd2', 'pc2', 'evil.exe', 'aaa', 'A256', 100),"
                + " ('2025-01-04 10:00:00', 'd2', 'pc2', 'evil.exe', 'aaa', 'A256', 100),"
                + " ('2025-01-05 10:00:00', 'd3', 'pc3', 'rare.exe', 'bbb', 'B256', 5),"
                + " ('2025-01-05 11:00:00', 'd3', 'pc3', 'notes.txt', 'ccc', 'C256', 7)");
        db.execute("INSERT INTO DeviceEvents (Timestamp, DeviceId, ActionType, SHA1, AdditionalFields) VALUES"
                + " ('2025-01-03 10:00:00', 'd2', 'AntivirusDetection', 'aaa', '{\"ThreatName\":\"Trojan:Win32/Old\"}'),"
                + " ('2025-01-04 10:00:00', 'd2', 'AntivirusDetection', 'aaa', '{\"ThreatName\":\"Trojan:Win32/Evil\"}')");
        db.execute("INSERT INTO DeviceProcessEvents (Timestamp, DeviceId, FileName, SHA1, ProcessVersionInfoCompanyName) VALUES"
                + " ('2025-01-06 10:00:00', 'd4', 'evil.exe', 'aaa', 'Evil Corp')");
        db.execute("INSERT INTO DeviceFileCertificateInfo (Timestamp, DeviceId, SHA1, IsSigned, IsTrusted, Signer) VALUES"
                + " ('2025-01-02 10:00:00', 'd1', 'aaa', true, false, 'Evil Signer')");
        db.execute("INSERT INTO DeviceNetworkInfo (Timestamp, DeviceId, DeviceName, NetworkAdapterName, NetworkAdapterType, IPAddresses) VALUES"
                + " ('2025-01-01 10:00:00', 'd1', 'pc1', 'eth0', 'Ethernet', '[{\"IPAddress\":\"10.0.0.9\",\"AddressType\":\"Private\"}]'),"
                + " ('2025-01-05 10:00:00', 'd1', 'pc1', 'eth0', 'Ethernet', '[{\"IPAddress\":\"10.0.0.5\",\"AddressType\":\"Private\"}]'),"
                + " ('2025-01-05 11:00:00', 'd2', 'pc2', 'wifi', 'Wireless80211', '[{\"IPAddress\":\"10.0.0.7\",\"AddressType\":\"Private\"}]')");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    private List<List<Object>> run(String kql) throws Exception {
        return db.run(KqlCompiler.compile(kql, CompileOptions.defaults(NOW)));
    }

    @Test
    void fileProfile_countsDistinctDevicesOfTheEstate_andAddsSignerFromCertificateInfo() throws Exception {
        List<List<Object>> rows = run("""
                DeviceFileEvents | distinct FileName, SHA1
                | invoke FileProfile(SHA1, 1000)
                | project FileName, GlobalPrevalence, GlobalFirstSeen, GlobalLastSeen, Signer, SignatureState, Publisher, ProfileAvailability
                | sort by FileName asc""");
        assertThat(rows).containsExactly(
                Arrays.asList("evil.exe", 3L, LocalDateTime.of(2025, 1, 2, 10, 0), LocalDateTime.of(2025, 1, 6, 10, 0),
                        "Evil Signer", "SignedInvalid", "Evil Corp", "Available"),
                Arrays.asList("notes.txt", 1L, LocalDateTime.of(2025, 1, 5, 11, 0), LocalDateTime.of(2025, 1, 5, 11, 0),
                        null, "Unknown", "", "Available"),
                Arrays.asList("rare.exe", 1L, LocalDateTime.of(2025, 1, 5, 10, 0), LocalDateTime.of(2025, 1, 5, 10, 0),
                        null, "Unknown", "", "Available"));
    }

    @Test
    void fileProfile_namesTheLatestAntivirusDetection_andTellsExecutablesByExtension() throws Exception {
        List<List<Object>> rows = run("""
                DeviceFileEvents | distinct FileName, SHA1
                | invoke FileProfile(SHA1)
                | project FileName, ThreatName, IsExecutable
                | sort by FileName asc""");
        assertThat(rows).containsExactly(Arrays.asList("evil.exe", "Trojan:Win32/Evil", true), Arrays.asList("notes.txt", "", false),
                Arrays.asList("rare.exe", "", true));
    }

    @Test
    void fileProfile_aFileWithoutSha1_takesNoThreatNameFromDetectionsWithoutOne() throws Exception {
        db.execute("INSERT INTO DeviceFileEvents (Timestamp, DeviceId, FileName, SHA1, SHA256) VALUES ('2025-01-07 10:00:00', 'd5', 'nosha1.exe', '', 'Z256')");
        db.execute("INSERT INTO DeviceEvents (Timestamp, DeviceId, ActionType, SHA1, AdditionalFields) VALUES"
                + " ('2025-01-07 11:00:00', 'd5', 'AntivirusDetection', '', '{\"ThreatName\":\"Unrelated\"}')");
        assertThat(run("datatable(SHA256: string)['Z256'] | invoke FileProfile('SHA256') | project ThreatName, ProfileAvailability"))
                .containsExactly(Arrays.asList("", "Available"));
    }

    @Test
    void fileProfile_bySha256Name_keepsInputColumns_andMarksUnknownFilesMissing() throws Exception {
        List<List<Object>> rows = run("""
                datatable(SHA256: string, Note: string)["B256", "known", "D256", "unknown"]
                | invoke FileProfile("SHA256")
                | project SHA256, Note, SHA1, GlobalPrevalence, ProfileAvailability""");
        assertThat(rows).containsExactlyInAnyOrder(
                Arrays.asList("B256", "known", "bbb", 1L, "Available"),
                Arrays.asList("D256", "unknown", null, null, "Missing"));
    }

    @Test
    void fileProfile_onAColumnThatIsNotAHash_isRefused() {
        assertThatThrownBy(() -> KqlCompiler.compile("DeviceFileEvents | invoke FileProfile(FileName)", CompileOptions.defaults(NOW)))
                .hasMessage("FileProfile() matches files by SHA1, SHA256 or MD5, but 'FileName' is none of them (line 1, column 39).");
    }

    @Test
    void assignedIpAddresses_readsTheLatestReportOfEachAdapterAsOfTheTime() throws Exception {
        assertThat(run("AssignedIPAddresses('pc1', datetime(2025-01-02)) | project IPAddress, IPType"))
                .containsExactly(List.of("10.0.0.9", "Private"));
        assertThat(run("AssignedIPAddresses('d1') | project IPAddress, NetworkAdapterType"))
                .containsExactly(List.of("10.0.0.5", "Ethernet"));
    }

    @Test
    void deviceFromIp_findsTheDeviceHoldingTheAddress_asACallOrOverAnInput() throws Exception {
        assertThat(run("DeviceFromIP('10.0.0.7')")).containsExactly(List.of("10.0.0.7", "d2"));
        assertThat(run("datatable(IP: string)['10.0.0.5', '10.0.0.9'] | invoke DeviceFromIP(datetime(2025-01-02))"))
                .containsExactly(List.of("10.0.0.9", "d1"));
    }

    @Test
    void seenBy_isAnEmptyArray_withAWarningThatDiscoveryDataIsMissing() throws Exception {
        CompiledQuery q = KqlCompiler.compile("DeviceInfo | invoke SeenBy() | project DeviceId, SeenBy", CompileOptions.defaults(NOW));
        assertThat(q.warnings()).singleElement().satisfies(w -> assertThat(w.message()).isEqualTo(
                "invoke SeenBy(): the event store holds no device-discovery observations, so SeenBy is empty (line 1, column 21)."));
        db.execute("INSERT INTO DeviceInfo (Timestamp, DeviceId) VALUES ('2025-01-05 10:00:00', 'd1')");
        assertThat(db.run(q)).containsExactly(List.of("d1", "[]"));
    }
}
