package dev.rampart.portal.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Snapshot tables: DeviceInfo and DeviceNetworkInfo once a day per device, IdentityInfo once a day per
 * account, and the software inventory (DeviceTvmSoftwareInventory has no timestamp: one current snapshot).
 */
final class Inventory {
    /** vendor, name, version pairs; a few deliberately old versions give vulnerability management something to find. */
    private static final String[][] WINDOWS_SOFTWARE = {
        {"microsoft", "windows_defender", "4.18.24080.9"}, {"microsoft", "office", "16.0.17928.20114"},
        {"microsoft", "edge", "127.0.2651.105"}, {"microsoft", "teams", "24215.1007.3082.1590"},
        {"microsoft", "onedrive", "24.151.0728.0003"}, {"microsoft", ".net_framework", "4.8.9256.0"},
        {"google", "chrome", "127.0.6533.120", "120.0.6099.130"}, {"adobe", "acrobat_reader_dc", "24.2.20991.0", "23.1.20093.0"},
        {"igor_pavlov", "7-zip", "19.00", "23.01"}, {"zoom", "zoom", "6.1.6.48107", "5.14.7.15877"},
        {"mozilla", "firefox", "128.0.3"}, {"notepad++", "notepad++", "8.6.9", "8.4.6"}, {"oracle", "jre", "8.0.4110.9", "8.0.3810.9"},
        {"citrix", "workspace", "24.5.0.102"}, {"vlc", "media_player", "3.0.21", "3.0.16"}};
    private static final String[][] DEV_SOFTWARE = {{"microsoft", "visual_studio_code", "1.92.2"}, {"git-scm", "git", "2.46.0.1"},
        {"python", "python", "3.12.4", "3.8.10"}, {"nodejs", "node.js", "20.16.0"}, {"docker", "docker_desktop", "4.33.0"}};
    private static final String[][] SERVER_SOFTWARE = {{"microsoft", "windows_defender", "4.18.24080.9"},
        {"microsoft", ".net_framework", "4.8.9256.0"}, {"vmware", "tools", "12.4.0.23259341", "11.3.5.18557794"},
        {"microsoft", "sql_server_2019", "15.0.4385.2"}, {"microsoft", "exchange_server_2019", "15.2.1544.4", "15.2.1258.12"},
        {"microsoft", "internet_information_services", "10.0.20348.1"}, {"notepad++", "notepad++", "8.6.9"}};
    private static final String[][] LINUX_SOFTWARE = {{"openssl", "openssl", "3.0.2"}, {"openbsd", "openssh", "8.9p1"},
        {"nginx", "nginx", "1.18.0"}, {"canonical", "ubuntu_linux", "22.04"}, {"sudo_project", "sudo", "1.9.9"},
        {"gnu", "bash", "5.1.16"}, {"docker", "docker", "24.0.7"}, {"postgresql", "postgresql", "14.12"}, {"python", "python", "3.10.12"}};
    private static final String[][] MAC_SOFTWARE = {{"apple", "macos", "14.6"}, {"google", "chrome", "127.0.6533.120"},
        {"microsoft", "office", "16.88"}, {"microsoft", "teams", "24215.1007.3082.1590"}, {"zoom", "zoom", "6.1.6.48107"},
        {"apple", "safari", "17.6"}};

    private final DemoOrganisation org;
    private final Shapes s;
    private final RowSink sink;

    Inventory(DemoOrganisation org, Shapes s, RowSink sink) {
        this.org = org;
        this.s = s;
        this.sink = sink;
    }

    void software(SplittableRandom rnd) {
        for (DemoDevice d : org.devices()) {
            List<String[]> list = new ArrayList<>();
            switch (d.kind()) {
                case WINDOWS_WORKSTATION -> {
                    for (String[] sw : WINDOWS_SOFTWARE) {
                        if (sw.length == 3 || rnd.nextInt(3) > 0) {
                            list.add(sw);
                        }
                    }
                    String dept = d.primaryUser() == null ? "" : org.user(d.primaryUser()).department();
                    if (dept.equals("Engineering") || dept.equals("IT")) {
                        list.addAll(List.of(DEV_SOFTWARE));
                    }
                }
                case MAC_LAPTOP -> list.addAll(List.of(MAC_SOFTWARE));
                case LINUX_SERVER -> list.addAll(List.of(LINUX_SOFTWARE));
                default -> {
                    for (String[] sw : SERVER_SOFTWARE) {
                        boolean roleSpecific = sw[1].startsWith("sql") || sw[1].startsWith("exchange") || sw[1].startsWith("internet");
                        if (!roleSpecific || sw[1].startsWith("sql") && d.shortName().startsWith("sql")
                                || sw[1].startsWith("exchange") && d.kind() == DeviceKind.MAIL_SERVER
                                || sw[1].startsWith("internet") && (d.shortName().startsWith("web") || d.kind() == DeviceKind.MAIL_SERVER)) {
                            list.add(sw);
                        }
                    }
                }
            }
            for (String[] sw : list) {
                // Where an old version exists, about a third of devices still run it.
                String version = sw.length > 3 && rnd.nextInt(3) == 0 ? sw[3] : sw[2];
                boolean old = sw.length > 3 && version.equals(sw[3]);
                new Row(s.software).set("DeviceId", d.deviceId()).set("DeviceName", d.name()).set("OSPlatform", d.osPlatform())
                        .set("OSVersion", d.osVersion()).set("OSArchitecture", d.kind() == DeviceKind.MAC_LAPTOP ? "arm64" : "x64")
                        .set("SoftwareVendor", sw[0]).set("SoftwareName", sw[1]).set("SoftwareVersion", version)
                        .set("EndOfSupportStatus", old && rnd.nextBoolean() ? "EOS Version" : null)
                        .set("ProductCodeCpe", "cpe:2.3:a:" + sw[0] + ':' + sw[1] + ':' + version + ":*:*:*:*:*:*:*")
                        .emit(sink);
                vulnerabilities(d, sw[0], sw[1], version);
            }
        }
    }

    private void vulnerabilities(DemoDevice d, String vendor, String name, String version) {
        for (Weaknesses.Cve c : Weaknesses.CVES) {
            if (c.vendor().equals(vendor) && c.software().equals(name) && c.versions().contains(version)) {
                new Row(s.vulnerability).set("DeviceId", d.deviceId()).set("DeviceName", d.name()).set("OSPlatform", d.osPlatform())
                        .set("OSVersion", d.osVersion()).set("OSArchitecture", d.kind() == DeviceKind.MAC_LAPTOP ? "arm64" : "x64")
                        .set("SoftwareVendor", vendor).set("SoftwareName", name).set("SoftwareVersion", version).set("CveId", c.id())
                        .set("VulnerabilitySeverityLevel", c.severity()).set("RecommendedSecurityUpdate", c.fix())
                        .set("RecommendedSecurityUpdateId", c.fixId()).set("CveTags", c.exploited() ? "[\"Exploited\"]" : "[]")
                        .emit(sink);
            }
        }
    }

    /** The vulnerability and configuration knowledge bases: one row per CVE and per configuration check. */
    void knowledgeBase() {
        java.util.Map<String, List<Weaknesses.Cve>> byId = new java.util.LinkedHashMap<>();
        Weaknesses.CVES.forEach(c -> byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c));
        byId.forEach((id, all) -> {
            Weaknesses.Cve c = all.get(0);
            StringBuilder affected = new StringBuilder("[");
            for (Weaknesses.Cve a : all) {
                affected.append(affected.length() > 1 ? "," : "").append('"').append(a.vendor()).append(' ').append(a.software()).append('"');
            }
            java.time.LocalDate published = java.time.LocalDate.parse(c.published());
            new Row(s.vulnerabilityKb).set("CveId", id).set("CvssScore", String.valueOf(c.cvss())).set("IsExploitAvailable", c.exploited())
                    .set("VulnerabilitySeverityLevel", c.severity()).set("PublishedDate", published.atStartOfDay())
                    .set("LastModifiedTime", published.plusDays(30).atStartOfDay()).set("VulnerabilityDescription", c.description())
                    .set("AffectedSoftware", affected.append(']').toString()).emit(sink);
        });
        for (Weaknesses.Check c : Weaknesses.CHECKS) {
            new Row(s.configurationKb).set("ConfigurationId", c.id()).set("ConfigurationImpact", (double) c.impact())
                    .set("ConfigurationName", c.name()).set("ConfigurationDescription", c.description()).set("RiskDescription", c.risk())
                    .set("ConfigurationCategory", c.category()).set("ConfigurationSubcategory", c.subcategory())
                    .set("ConfigurationBenchmarks", "[]").set("Tags", "[\"" + c.platform() + "\"]").set("RemediationOptions", c.remediation())
                    .emit(sink);
        }
    }

    /** The latest secure-configuration assessment of every device against the checks of its platform. */
    void configuration(long atMs, SplittableRandom rnd) {
        for (DemoDevice d : org.devices()) {
            String family = d.kind().isWindows() ? "Windows" : d.kind() == DeviceKind.MAC_LAPTOP ? "macOS" : "Linux";
            for (Weaknesses.Check c : Weaknesses.CHECKS) {
                if (!c.platform().equals(family)) {
                    continue;
                }
                boolean applicable = !(c.id().equals("scid-2050") && d.kind().isServer());
                new Row(s.configuration).set("DeviceId", d.deviceId()).set("DeviceName", d.name()).set("OSPlatform", d.osPlatform())
                        .set("Timestamp", Time.ts(atMs - rnd.nextLong(6 * Time.HOUR))).set("ConfigurationId", c.id())
                        .set("ConfigurationCategory", c.category()).set("ConfigurationSubcategory", c.subcategory())
                        .set("ConfigurationImpact", (double) c.impact()).set("IsApplicable", applicable)
                        .set("IsCompliant", !applicable || rnd.nextInt(100) >= c.failPercent()).set("Context", "[]")
                        .set("IsExpectedUserImpact", c.userImpact()).emit(sink);
            }
        }
    }

    void day(int day, long dayStart, SplittableRandom rnd) {
        for (DemoDevice d : org.devices()) {
            long reportId = (day + 1) * 10_000_000L;
            long ms = dayStart + rnd.nextLong(Time.HOUR);
            boolean server = d.kind().isServer();
            String user = d.primaryUser();
            DemoUser owner = user == null ? null : org.user(user);
            new Row(s.deviceInfo).set("Timestamp", Time.ts(ms)).set("DeviceId", d.deviceId()).set("DeviceName", d.name())
                    .set("ClientVersion", d.kind().isWindows() ? "10.8760.22621.1031" : d.kind() == DeviceKind.MAC_LAPTOP ? "101.24062.0009" : "101.24052.0002")
                    .set("PublicIP", d.site().publicIp()).set("OSArchitecture", d.kind() == DeviceKind.MAC_LAPTOP ? "arm64" : "64-bit")
                    .set("OSPlatform", d.osPlatform()).set("OSBuild", d.osBuild()).set("IsAzureADJoined", !server && d.kind().isWindows())
                    .set("JoinType", d.kind().isWindows() ? (server ? "Domain Joined" : "Hybrid Azure AD Join") : null)
                    .set("AadDeviceId", !server && d.kind().isWindows() ? Ids.guid("entra-device:" + d.deviceId()) : null)
                    .set("LoggedOnUsers", owner == null ? "[]" : "[{\"UserName\":\"" + owner.samAccountName() + "\",\"DomainName\":\"" + DemoOrganisation.NETBIOS_DOMAIN + "\",\"Sid\":\"" + owner.sid() + "\"}]")
                    .set("OSVersion", d.osVersion()).set("MachineGroup", server ? "Servers" : d.site().name() + " Workstations")
                    .set("ReportId", reportId).set("OnboardingStatus", "Onboarded").set("AdditionalFields", "{}")
                    .set("DeviceCategory", "Endpoint").set("DeviceType", server ? "Server" : "Workstation")
                    .set("Model", d.model()).set("Vendor", d.vendor()).set("OSDistribution", d.osDistribution())
                    .set("OSVersionInfo", d.osVersionInfo()).set("IsInternetFacing", d.internetFacing())
                    .set("SensorHealthState", "Active").set("IsExcluded", false)
                    .set("ExposureLevel", d.internetFacing() ? "High" : server ? "Medium" : "Low")
                    .set("AssetValue", d.kind() == DeviceKind.DOMAIN_CONTROLLER || d.kind() == DeviceKind.FILE_SERVER ? "High" : "Normal")
                    .set("DeviceManualTags", "[]").set("DeviceDynamicTags", server ? "[\"Server\"]" : "[]")
                    .set("ConnectivityType", "Streamlined").emit(sink);
            String prefix = d.ip().substring(0, d.ip().lastIndexOf('.'));
            boolean wifi = d.kind() == DeviceKind.MAC_LAPTOP || d.shortName().contains("-lt-");
            new Row(s.networkInfo).set("Timestamp", Time.ts(ms + 1_000)).set("DeviceId", d.deviceId()).set("DeviceName", d.name())
                    .set("NetworkAdapterName", wifi ? "Wi-Fi" : "Ethernet0").set("MacAddress", d.mac())
                    .set("NetworkAdapterType", wifi ? "Wireless80211" : "Ethernet").set("NetworkAdapterStatus", "Up")
                    .set("TunnelType", "None")
                    .set("ConnectedNetworks", "[{\"Name\":\"" + DemoOrganisation.DNS_DOMAIN + "\",\"Description\":\"" + DemoOrganisation.DNS_DOMAIN + "\",\"IsConnectedToInternet\":true,\"Category\":\"Domain\"}]")
                    .set("DnsAddresses", "[\"10.0.1.10\",\"10.0.1.11\"]").set("IPv4Dhcp", server ? null : prefix + ".1")
                    .set("DefaultGateways", "[\"" + prefix + ".1\"]")
                    .set("IPAddresses", "[{\"IPAddress\":\"" + d.ip() + "\",\"SubnetPrefix\":24,\"AddressType\":\"Private\"}]")
                    .set("ReportId", reportId + 1).set("NetworkAdapterVendor", wifi ? "Intel Corporation" : "VMware, Inc.").emit(sink);
        }
        for (DemoUser u : org.users()) {
            boolean service = u.type().equals("ServiceAccount");
            new Row(s.identityInfo).set("Timestamp", Time.ts(dayStart + rnd.nextLong(2 * Time.HOUR))).set("ReportId", Ids.guid(rnd))
                    .set("AccountObjectId", u.objectId()).set("AccountUpn", u.upn()).set("OnPremSid", u.sid())
                    .set("AccountDisplayName", u.displayName()).set("AccountName", u.samAccountName())
                    .set("AccountDomain", DemoOrganisation.DNS_DOMAIN).set("CriticalityLevel", u.admin() ? 4 : service ? 3 : 0)
                    .set("Type", service ? "ServiceAccount" : "User")
                    .set("DistinguishedName", "CN=" + u.displayName() + ",OU=" + (service ? "Service Accounts" : u.admin() ? "Admins" : "Staff") + ",DC=corp,DC=larkspur,DC=example")
                    .set("GivenName", u.givenName()).set("Surname", u.surname()).set("Department", u.department())
                    .set("JobTitle", u.jobTitle()).set("EmailAddress", u.email()).set("SipProxyAddress", u.email())
                    .set("City", u.site().city()).set("Country", u.site().country()).set("IsAccountEnabled", true)
                    .set("Manager", u.managerUpn()).set("Phone", u.phone()).set("CreatedDateTime", Time.ts(dayStart - 400 * Time.DAY))
                    .set("ChangeSource", "ActiveDirectory").set("CompanyName", DemoOrganisation.COMPANY).set("EmployeeId", u.employeeId())
                    .set("AssignedRoles", u.admin() ? "[\"Exchange Administrator\"]" : "[]").set("TenantId", org.tenantId())
                    .set("SourceSystem", "ActiveDirectory").set("TenantMembershipType", "Member")
                    .set("RiskLevel", "Low").set("RiskStatus", "None").set("IdentityEnvironment", "Hybrid")
                    .set("SourceProviders", "[\"ActiveDirectory\",\"EntraID\"]")
                    .set("GroupMembership", "[\"Domain Users\",\"" + u.department() + " Share Users\"" + (u.admin() ? ",\"Domain Admins\"" : "") + "]")
                    .set("UserAccountControl", service ? "[\"NormalAccount\",\"DontExpirePassword\"]" : "[\"NormalAccount\"]")
                    .emit(sink);
        }
    }
}
