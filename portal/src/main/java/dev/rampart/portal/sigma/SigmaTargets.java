package dev.rampart.portal.sigma;

import dev.rampart.portal.ingest.format.ClassicPowerShellEvents;
import dev.rampart.portal.ingest.format.DefenderAvEvents;
import dev.rampart.portal.ingest.format.OperationalChannels;
import dev.rampart.portal.ingest.format.SecurityAuditEvents;
import dev.rampart.portal.ingest.format.ServiceControlEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Where a Sigma log source lives in the hunting tables, and the Sigma → Defender field map per table kind
 * (reference/detection-data.md §1.3 and §6; docs/sigma.md). The event-id routes mirror what the Windows
 * ingest mapper stores, so a compiled rule reads the rows that mapper wrote.
 */
final class SigmaTargets {
    /** How column values relate to Sigma values. */
    enum Transform { NONE, BASENAME, REGISTRY, REG_DATA, LOGON_TYPE, REG_ACTION, NET_ACTION, ELEVATION, INTEGRITY }

    enum Kind { PROCESS, FILE, REGISTRY, NETWORK, IMAGE, DEVICE, LOGON, IDENTITY_LOGON, IDENTITY_DIRECTORY, SEC_PROCESS, SEC_DEVICE, DEFENDER_AV, DNS }

    /**
     * A table, the ActionTypes of it that hold the log source (empty = all), its field kind, and optionally the
     * prefix all its ActionTypes share (a whole operational channel).
     */
    record Route(String table, List<String> actionTypes, Kind kind, String actionPrefix) {
        Route(String table, List<String> actionTypes, Kind kind) {
            this(table, actionTypes, kind, null);
        }

        Route(String table, Kind kind, String... actionTypes) {
            this(table, List.of(actionTypes), kind);
        }
    }

    /** A Sigma field as a KQL expression over the table. */
    record FieldRef(String expr, boolean numeric, Transform transform) {
        FieldRef(String expr) {
            this(expr, false, Transform.NONE);
        }
    }

    static final Map<String, Route> CATEGORIES = new HashMap<>();
    /** Sysmon event id → route (service=sysmon rules, and EventID checks). */
    static final Map<Integer, Route> SYSMON_IDS = new HashMap<>();
    /** Services whose rules may omit EventID: the whole log is one route. */
    static final Map<String, Route> SERVICE_WHOLE_LOG = new HashMap<>();
    static final Map<Integer, Route> SECURITY_IDS = new HashMap<>();
    static final Map<String, Map<Integer, Route>> SERVICE_IDS = new HashMap<>();

    static {
        Route process = new Route("DeviceProcessEvents", Kind.PROCESS);
        Route file = new Route("DeviceFileEvents", Kind.FILE);
        Route registry = new Route("DeviceRegistryEvents", Kind.REGISTRY);
        CATEGORIES.put("process_creation", process);
        for (String c : List.of("file_event", "file_access", "file_change", "file_rename", "create_stream_hash")) {
            CATEGORIES.put(c, file);
        }
        CATEGORIES.put("file_delete", new Route("DeviceFileEvents", Kind.FILE, "FileDeleted"));
        CATEGORIES.put("file_block_executable", new Route("DeviceFileEvents", Kind.FILE, "FileBlocked"));
        for (String c : List.of("registry_add", "registry_delete", "registry_event", "registry_set", "registry_rename")) {
            CATEGORIES.put(c, registry);
        }
        CATEGORIES.put("network_connection", new Route("DeviceNetworkEvents", Kind.NETWORK));
        CATEGORIES.put("image_load", new Route("DeviceImageLoadEvents", Kind.IMAGE));
        CATEGORIES.put("driver_load", new Route("DeviceEvents", Kind.DEVICE, "DriverLoad"));
        CATEGORIES.put("process_access", new Route("DeviceEvents", Kind.DEVICE, "OpenProcessApiCall"));
        CATEGORIES.put("create_remote_thread", new Route("DeviceEvents", Kind.DEVICE, "CreateRemoteThreadApiCall"));
        CATEGORIES.put("raw_access_thread", new Route("DeviceEvents", Kind.DEVICE, "RawAccessRead"));
        CATEGORIES.put("pipe_created", new Route("DeviceEvents", Kind.DEVICE, "NamedPipeEvent"));
        CATEGORIES.put("dns_query", new Route("DeviceEvents", Kind.DEVICE, "DnsQueryResponse"));
        CATEGORIES.put("wmi_event", new Route("DeviceEvents", Kind.DEVICE, "WmiEventFilterRegistered", "WmiEventConsumerRegistered",
                "WmiBindEventFilterToConsumer"));
        CATEGORIES.put("process_tampering", new Route("DeviceEvents", Kind.DEVICE, "ProcessTampering"));
        CATEGORIES.put("clipboard_capture", new Route("DeviceEvents", Kind.DEVICE, "ClipboardChange"));
        CATEGORIES.put("ps_script", new Route("DeviceEvents", Kind.DEVICE, "PowerShellCommand"));
        CATEGORIES.put("ps_module", new Route("DeviceEvents", Kind.DEVICE, "PowerShellModuleLogged"));
        CATEGORIES.put("sysmon_status", new Route("DeviceEvents", Kind.DEVICE, "SysmonServiceStateChanged", "SysmonConfigurationChanged"));
        CATEGORIES.put("sysmon_error", new Route("DeviceEvents", Kind.DEVICE, "SysmonError"));

        SYSMON_IDS.put(1, process);
        SYSMON_IDS.put(3, CATEGORIES.get("network_connection"));
        for (int id : new int[] {2, 11, 15}) {
            SYSMON_IDS.put(id, file);
        }
        SYSMON_IDS.put(23, CATEGORIES.get("file_delete"));
        SYSMON_IDS.put(26, CATEGORIES.get("file_delete"));
        for (int id : new int[] {12, 13, 14}) {
            SYSMON_IDS.put(id, registry);
        }
        SYSMON_IDS.put(7, CATEGORIES.get("image_load"));
        SYSMON_IDS.put(6, CATEGORIES.get("driver_load"));
        SYSMON_IDS.put(8, CATEGORIES.get("create_remote_thread"));
        SYSMON_IDS.put(10, CATEGORIES.get("process_access"));
        SYSMON_IDS.put(9, CATEGORIES.get("raw_access_thread"));
        SYSMON_IDS.put(17, CATEGORIES.get("pipe_created"));
        SYSMON_IDS.put(18, CATEGORIES.get("pipe_created"));
        SYSMON_IDS.put(19, new Route("DeviceEvents", Kind.DEVICE, "WmiEventFilterRegistered"));
        SYSMON_IDS.put(20, new Route("DeviceEvents", Kind.DEVICE, "WmiEventConsumerRegistered"));
        SYSMON_IDS.put(21, new Route("DeviceEvents", Kind.DEVICE, "WmiBindEventFilterToConsumer"));
        SYSMON_IDS.put(22, CATEGORIES.get("dns_query"));
        SYSMON_IDS.put(25, CATEGORIES.get("process_tampering"));
        SYSMON_IDS.put(24, CATEGORIES.get("clipboard_capture"));
        for (int id : new int[] {27, 28, 29}) {
            SYSMON_IDS.put(id, CATEGORIES.get("file_block_executable"));
        }
        SYSMON_IDS.put(4, new Route("DeviceEvents", Kind.DEVICE, "SysmonServiceStateChanged"));
        SYSMON_IDS.put(16, new Route("DeviceEvents", Kind.DEVICE, "SysmonConfigurationChanged"));
        SYSMON_IDS.put(255, CATEGORIES.get("sysmon_error"));

        SECURITY_IDS.put(4688, new Route("DeviceProcessEvents", Kind.SEC_PROCESS, "ProcessCreated"));
        SECURITY_IDS.put(4624, new Route("DeviceLogonEvents", Kind.LOGON, "LogonSuccess"));
        SECURITY_IDS.put(4625, new Route("DeviceLogonEvents", Kind.LOGON, "LogonFailed"));
        SECURITY_IDS.put(4648, new Route("DeviceLogonEvents", Kind.LOGON, "LogonAttempted"));
        Object[][] device = {{4634, "Logoff"}, {4647, "Logoff"}, {4672, "PrivilegedLogon"}, {4720, "UserAccountCreated"},
                {4722, "UserAccountEnabled"}, {4724, "UserAccountPasswordReset"}, {4726, "UserAccountDeleted"}, {4738, "UserAccountModified"},
                {4732, "UserAccountAddedToLocalGroup"}, {4733, "UserAccountRemovedFromLocalGroup"}, {5140, "ShareAccessed"},
                {5145, "ShareObjectAccessChecked"}, {4697, "ServiceInstalled"}, {4698, "ScheduledTaskCreated"},
                {4699, "ScheduledTaskDeleted"}, {4702, "ScheduledTaskUpdated"}, {1102, "SecurityLogCleared"}};
        for (Object[] d : device) {
            SECURITY_IDS.put((Integer) d[0], new Route("DeviceEvents", Kind.SEC_DEVICE, (String) d[1]));
        }
        SecurityAuditEvents.ACTIONS.forEach((id, action) -> SECURITY_IDS.put(id, new Route("DeviceEvents", Kind.SEC_DEVICE, action)));
        SECURITY_IDS.put(4728, new Route("IdentityDirectoryEvents", Kind.IDENTITY_DIRECTORY, "Group Membership changed"));
        SECURITY_IDS.put(4756, new Route("IdentityDirectoryEvents", Kind.IDENTITY_DIRECTORY, "Group Membership changed"));
        SECURITY_IDS.put(4662, new Route("IdentityDirectoryEvents", Kind.IDENTITY_DIRECTORY, "Directory Services replication"));
        for (int id : new int[] {4768, 4769, 4771, 4776}) {
            SECURITY_IDS.put(id, new Route("IdentityLogonEvents", Kind.IDENTITY_LOGON));
        }
        SERVICE_IDS.put("security", SECURITY_IDS);
        Map<Integer, Route> defender = new HashMap<>();
        DefenderAvEvents.ACTIONS.forEach((id, action) -> defender.put(id, new Route("DeviceEvents", Kind.DEFENDER_AV, action)));
        SERVICE_IDS.put("windefend", defender);
        CATEGORIES.put("antivirus", new Route("DeviceEvents", Kind.DEFENDER_AV, "AntivirusDetection"));
        // Product-less DNS logs (resolver/server); the endpoint's DNS queries (Sysmon 22) are the rows Rampart holds.
        CATEGORIES.put("dns", new Route("DeviceEvents", Kind.DNS, "DnsQueryResponse"));
        Map<Integer, Route> classic = new HashMap<>();
        ClassicPowerShellEvents.ACTIONS.forEach((id, action) -> classic.put(id, new Route("DeviceEvents", Kind.DEVICE, action)));
        SERVICE_IDS.put("powershell-classic", classic);
        CATEGORIES.put("ps_classic_start", classic.get(400));
        CATEGORIES.put("ps_classic_provider_start", classic.get(600));
        CATEGORIES.put("ps_classic_script", classic.get(800));
        SERVICE_WHOLE_LOG.put("powershell-classic", new Route("DeviceEvents", Kind.DEVICE,
                ClassicPowerShellEvents.ACTIONS.values().stream().sorted().toArray(String[]::new)));
        SERVICE_IDS.put("sysmon", SYSMON_IDS);
        Map<Integer, Route> system = new HashMap<>();
        system.put(7045, new Route("DeviceEvents", Kind.SEC_DEVICE, "ServiceInstalled"));
        system.put(104, new Route("DeviceEvents", Kind.SEC_DEVICE, "EventLogCleared"));
        ServiceControlEvents.ACTIONS.forEach((id, action) -> system.put(id, new Route("DeviceEvents", Kind.SEC_DEVICE, action)));
        SERVICE_IDS.put("system", system);
        SERVICE_IDS.put("powershell", Map.of(4104, CATEGORIES.get("ps_script"), 4103, CATEGORIES.get("ps_module")));
        SERVICE_IDS.put("taskscheduler", Map.of(106, new Route("DeviceEvents", Kind.SEC_DEVICE, "ScheduledTaskCreated"),
                140, new Route("DeviceEvents", Kind.SEC_DEVICE, "ScheduledTaskUpdated"),
                141, new Route("DeviceEvents", Kind.SEC_DEVICE, "ScheduledTaskDeleted")));
        Route wmi = new Route("DeviceEvents", Kind.SEC_DEVICE, "WmiActivity");
        SERVICE_IDS.put("wmi", Map.of(5857, wmi, 5858, wmi, 5859, wmi, 5860, wmi, 5861, wmi));
    }

    private SigmaTargets() {
    }

    private static String user(String prefix) {
        return "iff(isempty(" + prefix + "AccountDomain), " + prefix + "AccountName, strcat(" + prefix + "AccountDomain, @\"\\\", "
                + prefix + "AccountName))";
    }

    static final String REGISTRY_PATH = "iff(isempty(RegistryValueName), RegistryKey, strcat(RegistryKey, @\"\\\", RegistryValueName))";

    private static final Map<String, FieldRef> INITIATING = Map.ofEntries(
            Map.entry("image", new FieldRef("InitiatingProcessFolderPath")),
            Map.entry("processid", new FieldRef("InitiatingProcessId", true, Transform.NONE)),
            Map.entry("commandline", new FieldRef("InitiatingProcessCommandLine")),
            Map.entry("user", new FieldRef(user("InitiatingProcess"))),
            Map.entry("parentimage", new FieldRef("InitiatingProcessParentFileName", false, Transform.BASENAME)),
            Map.entry("parentprocessid", new FieldRef("InitiatingProcessParentId", true, Transform.NONE)),
            Map.entry("integritylevel", new FieldRef("InitiatingProcessIntegrityLevel")),
            Map.entry("md5", new FieldRef("MD5")), Map.entry("sha1", new FieldRef("SHA1")), Map.entry("sha256", new FieldRef("SHA256")));

    private static final Map<String, FieldRef> PROCESS = Map.ofEntries(
            Map.entry("image", new FieldRef("FolderPath")),
            Map.entry("commandline", new FieldRef("ProcessCommandLine")),
            Map.entry("processid", new FieldRef("ProcessId", true, Transform.NONE)),
            Map.entry("originalfilename", new FieldRef("ProcessVersionInfoOriginalFileName")),
            Map.entry("description", new FieldRef("ProcessVersionInfoFileDescription")),
            Map.entry("product", new FieldRef("ProcessVersionInfoProductName")),
            Map.entry("company", new FieldRef("ProcessVersionInfoCompanyName")),
            Map.entry("fileversion", new FieldRef("ProcessVersionInfoProductVersion")),
            Map.entry("parentimage", new FieldRef("InitiatingProcessFolderPath")),
            Map.entry("parentcommandline", new FieldRef("InitiatingProcessCommandLine")),
            Map.entry("parentprocessid", new FieldRef("InitiatingProcessId", true, Transform.NONE)),
            Map.entry("parentuser", new FieldRef(user("InitiatingProcess"))),
            Map.entry("grandparentimage", new FieldRef("InitiatingProcessParentFileName", false, Transform.BASENAME)),
            Map.entry("user", new FieldRef(user(""))),
            Map.entry("integritylevel", new FieldRef("ProcessIntegrityLevel")),
            Map.entry("logonid", new FieldRef("LogonId", true, Transform.NONE)),
            Map.entry("md5", new FieldRef("MD5")), Map.entry("sha1", new FieldRef("SHA1")), Map.entry("sha256", new FieldRef("SHA256")),
            // Security 4688 spellings
            Map.entry("newprocessname", new FieldRef("FolderPath")),
            Map.entry("parentprocessname", new FieldRef("InitiatingProcessFolderPath")),
            Map.entry("subjectusername", new FieldRef("InitiatingProcessAccountName")),
            Map.entry("subjectdomainname", new FieldRef("InitiatingProcessAccountDomain")),
            Map.entry("targetusername", new FieldRef("AccountName")),
            Map.entry("tokenelevationtype", new FieldRef("ProcessTokenElevation", false, Transform.ELEVATION)),
            Map.entry("mandatorylabel", new FieldRef("ProcessIntegrityLevel", false, Transform.INTEGRITY)));

    private static final Map<String, FieldRef> FILE = Map.of(
            "targetfilename", new FieldRef("FolderPath"),
            "user", new FieldRef(user("Request")));

    private static final Map<String, FieldRef> REGISTRY = Map.of(
            "targetobject", new FieldRef(REGISTRY_PATH, false, Transform.REGISTRY),
            "details", new FieldRef("RegistryValueData", false, Transform.REG_DATA),
            "eventtype", new FieldRef("ActionType", false, Transform.REG_ACTION),
            "newname", new FieldRef("RegistryKey", false, Transform.REGISTRY));

    private static final Map<String, FieldRef> NETWORK = Map.of(
            "destinationip", new FieldRef("RemoteIP"), "destinationport", new FieldRef("RemotePort", true, Transform.NONE),
            "destinationhostname", new FieldRef("RemoteUrl"), "sourceip", new FieldRef("LocalIP"),
            "sourceport", new FieldRef("LocalPort", true, Transform.NONE), "protocol", new FieldRef("Protocol"),
            "initiated", new FieldRef("ActionType", false, Transform.NET_ACTION));

    private static final Map<String, FieldRef> IMAGE = Map.of("imageloaded", new FieldRef("FolderPath"));

    private static final Map<String, FieldRef> DEVICE = Map.of(
            "targetimage", new FieldRef("FolderPath"), "sourceimage", new FieldRef("InitiatingProcessFolderPath"),
            "imageloaded", new FieldRef("FolderPath"), "queryname", new FieldRef("RemoteUrl"),
            "targetprocessid", new FieldRef("ProcessId", true, Transform.NONE),
            "sourceprocessid", new FieldRef("InitiatingProcessId", true, Transform.NONE),
            "sourceuser", new FieldRef(user("InitiatingProcess")));

    private static final Map<String, FieldRef> LOGON = Map.ofEntries(
            Map.entry("targetusername", new FieldRef("AccountName")), Map.entry("targetdomainname", new FieldRef("AccountDomain")),
            Map.entry("targetusersid", new FieldRef("AccountSid")), Map.entry("logontype", new FieldRef("LogonType", false, Transform.LOGON_TYPE)),
            Map.entry("ipaddress", new FieldRef("RemoteIP")), Map.entry("ipport", new FieldRef("RemotePort", true, Transform.NONE)),
            Map.entry("workstationname", new FieldRef("RemoteDeviceName")), Map.entry("authenticationpackagename", new FieldRef("Protocol")),
            Map.entry("subjectusername", new FieldRef("InitiatingProcessAccountName")),
            Map.entry("subjectdomainname", new FieldRef("InitiatingProcessAccountDomain")),
            Map.entry("processname", new FieldRef("InitiatingProcessFolderPath")),
            Map.entry("targetlogonid", new FieldRef("LogonId", true, Transform.NONE)),
            Map.entry("status", new FieldRef("FailureReason")), Map.entry("substatus", new FieldRef("FailureReason")));

    private static final Map<String, FieldRef> SEC_DEVICE = Map.ofEntries(
            Map.entry("targetusername", new FieldRef("AccountName")), Map.entry("membername", new FieldRef("AccountName")),
            Map.entry("targetdomainname", new FieldRef("AccountDomain")), Map.entry("targetusersid", new FieldRef("AccountSid")),
            Map.entry("targetsid", new FieldRef("AccountSid")), Map.entry("membersid", new FieldRef("AccountSid")),
            Map.entry("subjectusername", new FieldRef("InitiatingProcessAccountName")),
            Map.entry("subjectdomainname", new FieldRef("InitiatingProcessAccountDomain")),
            Map.entry("subjectusersid", new FieldRef("InitiatingProcessAccountSid")),
            Map.entry("processname", new FieldRef("InitiatingProcessFolderPath")),
            Map.entry("ipaddress", new FieldRef("RemoteIP")), Map.entry("ipport", new FieldRef("RemotePort", true, Transform.NONE)));

    private static final Map<String, FieldRef> IDENTITY_LOGON = Map.of(
            "targetusername", new FieldRef("AccountName"), "targetdomainname", new FieldRef("AccountDomain"),
            "targetsid", new FieldRef("AccountSid"), "ipaddress", new FieldRef("IPAddress"), "ipport", new FieldRef("Port", true, Transform.NONE),
            "workstation", new FieldRef("DeviceName"), "workstationname", new FieldRef("DeviceName"), "status", new FieldRef("FailureReason"));

    private static final Map<String, FieldRef> IDENTITY_DIRECTORY = Map.of(
            "subjectusername", new FieldRef("AccountName"), "subjectdomainname", new FieldRef("AccountDomain"),
            "subjectusersid", new FieldRef("AccountSid"), "membername", new FieldRef("TargetAccountDisplayName"));

    /** Generic {@code dns} log fields; DNS rows keep the query and its results only. */
    private static final Map<String, FieldRef> DNS = Map.of(
            "query", new FieldRef("RemoteUrl"), "answer", new FieldRef("tostring(AdditionalFields.QueryResults)"));

    /** Defender Antivirus events, plus the generic Sigma {@code antivirus} category names (Signature, Filename). */
    private static final Map<String, FieldRef> DEFENDER_AV = Map.of(
            "processname", new FieldRef("InitiatingProcessFolderPath"),
            "signature", new FieldRef("tostring(AdditionalFields.ThreatName)"),
            "filename", new FieldRef("tostring(AdditionalFields.Path)"));

    /** Services whose rows keep the event's provider in AdditionalFields.ProviderName, so Provider_Name is tested, not dropped. */
    static boolean keepsProvider(String service) {
        return service != null && (service.equals("system") || OperationalChannels.bySigmaService(service).isPresent());
    }

    /**
     * EventID → route for a Sigma service, null when unknown. Operational channels (ingest.format.OperationalChannels)
     * and the System log route any id: the mapper names every event of those channels by channel and id.
     */
    static IntFunction<Route> serviceIds(String service) {
        Map<Integer, Route> known = SERVICE_IDS.get(service);
        if ("system".equals(service)) {
            // System ids without a name of their own are stored as System<id> with their provider (ingest.format).
            return id -> known.getOrDefault(id, new Route("DeviceEvents", Kind.SEC_DEVICE, OperationalChannels.SYSTEM_PREFIX + id));
        }
        if (known != null) {
            return known::get;
        }
        return OperationalChannels.bySigmaService(service)
                .<IntFunction<Route>>map(c -> id -> new Route("DeviceEvents", Kind.SEC_DEVICE, OperationalChannels.actionType(c, id)))
                .orElse(null);
    }

    /** The column expression of a Sigma field for a kind, or null when the kind has no dedicated column for it. */
    static FieldRef field(Kind kind, String sigmaField) {
        String f = sigmaField.toLowerCase(Locale.ROOT);
        FieldRef r = switch (kind) {
            case PROCESS, SEC_PROCESS -> PROCESS.get(f);
            case FILE -> FILE.get(f);
            case REGISTRY -> REGISTRY.get(f);
            case NETWORK -> NETWORK.get(f);
            case IMAGE -> IMAGE.get(f);
            case DEVICE -> DEVICE.get(f);
            case LOGON -> LOGON.get(f);
            case SEC_DEVICE -> SEC_DEVICE.get(f);
            case IDENTITY_LOGON -> IDENTITY_LOGON.get(f);
            case IDENTITY_DIRECTORY -> IDENTITY_DIRECTORY.get(f);
            case DEFENDER_AV -> DEFENDER_AV.get(f);
            case DNS -> DNS.get(f);
        };
        if (r == null && (kind == Kind.FILE || kind == Kind.REGISTRY || kind == Kind.NETWORK || kind == Kind.IMAGE || kind == Kind.DEVICE)) {
            r = INITIATING.get(f);
            if (kind == Kind.IMAGE && r != null && r.expr().matches("MD5|SHA1|SHA256")) {
                r = new FieldRef(r.expr());
            }
        }
        return r;
    }
}
