package dev.rampart.portal.entities;

import dev.rampart.portal.events.EventStore;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A tiny organisation written straight into the event store for entity tests: one workstation with a user who
 * logs on, runs a tool and connects to a web site. Names carry {@code tag} so test classes stay independent.
 */
public final class EntityFixture {
    public final String deviceId;
    public final String deviceName;
    public final String upn;
    public final String account;
    public final String sha1;
    public final String ip = "198.51.100.77";
    public final String domain;
    public final String localIp = "10.77.0.5";

    public EntityFixture(EventStore store, String tag) {
        deviceId = String.format("%040x", Math.abs((long) tag.hashCode()) + 7);
        deviceName = tag + "-ws01.corp.example";
        account = tag + "user";
        upn = account + "@corp.example";
        sha1 = String.format("%040x", Math.abs((long) tag.hashCode()) + 99);
        domain = tag + "-updates.example.net";
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        store.write(s -> {
            var c = s.connection();
            exec(c, "INSERT INTO DeviceInfo (Timestamp, DeviceId, DeviceName, OSPlatform, OSVersion, OSBuild, DeviceType, ExposureLevel, AssetValue, "
                    + "SensorHealthState, OnboardingStatus, PublicIP) VALUES (?, ?, ?, 'Windows11', '10.0', 22631, 'Workstation', 'Medium', 'Low', 'Active', 'Onboarded', '192.0.2.77')",
                    now.minusHours(2), deviceId, deviceName);
            exec(c, "INSERT INTO DeviceNetworkInfo (Timestamp, DeviceId, DeviceName, NetworkAdapterName, MacAddress, IPAddresses) VALUES (?, ?, ?, 'Ethernet', 'AA-BB-CC-00-11-22', ?)",
                    now.minusHours(2), deviceId, deviceName, "[{\"IPAddress\":\"" + localIp + "\",\"SubnetPrefix\":24,\"AddressType\":\"Private\"}]");
            exec(c, "INSERT INTO IdentityInfo (Timestamp, AccountObjectId, AccountUpn, AccountName, AccountDomain, AccountDisplayName, Department, JobTitle, RiskLevel, IsAccountEnabled) "
                    + "VALUES (?, ?, ?, ?, 'corp', ?, 'Finance', 'Analyst', 'Low', true)", now.minusHours(3), tag + "-oid", upn, account, "Pat " + tag);
            for (int i = 0; i < 3; i++) {
                exec(c, "INSERT INTO DeviceLogonEvents (Timestamp, DeviceId, DeviceName, ActionType, LogonType, AccountDomain, AccountName) VALUES (?, ?, ?, ?, 'Interactive', 'corp', ?)",
                        now.minusMinutes(30 + i), deviceId, deviceName, i == 2 ? "LogonFailed" : "LogonSuccess", account);
            }
            exec(c, "INSERT INTO DeviceProcessEvents (Timestamp, DeviceId, DeviceName, ActionType, FileName, FolderPath, SHA1, ProcessCommandLine, InitiatingProcessFileName, AccountName) "
                    + "VALUES (?, ?, ?, 'ProcessCreated', ?, 'C:\\Tools', ?, 'tool.exe --sync', 'explorer.exe', ?)", now.minusMinutes(20), deviceId, deviceName, tag + "tool.exe", sha1, account);
            exec(c, "INSERT INTO DeviceNetworkEvents (Timestamp, DeviceId, DeviceName, ActionType, RemoteIP, RemotePort, RemoteUrl, LocalIP, InitiatingProcessFileName) "
                    + "VALUES (?, ?, ?, 'ConnectionSuccess', ?, 443, ?, ?, 'tool.exe')", now.minusMinutes(19), deviceId, deviceName, ip, "https://cdn." + domain + "/v1/pkg", localIp);
            exec(c, "INSERT INTO IdentityLogonEvents (Timestamp, ActionType, Application, AccountUpn, AccountName, DeviceName, IPAddress) VALUES (?, 'LogonSuccess', 'Active Directory', ?, ?, ?, ?)",
                    now.minusMinutes(31), upn, account, deviceName, localIp);
            return null;
        });
    }

    private static void exec(java.sql.Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
