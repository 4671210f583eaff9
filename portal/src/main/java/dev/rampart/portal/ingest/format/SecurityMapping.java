package dev.rampart.portal.ingest.format;

import java.util.Locale;

/** Windows Security audit event ids to Defender tables (docs/ingest-formats.md, "Security"). */
final class SecurityMapping {
    /** DS-Replication-Get-Changes(-All) and -In-Filtered-Set rights: a 4662 with one of these is directory replication. */
    private static final String[] REPLICATION_RIGHTS = {"1131f6aa-9c07-11d1-f79f-00c04fc2dcd2", "1131f6ad-9c07-11d1-f79f-00c04fc2dcd2",
            "89e95b76-444d-4c62-991a-0facbeda640c"};

    private SecurityMapping() {
    }

    static Mapping map(WindowsMapper m, WinEvent e) {
        return switch (e.eventId) {
            case 4688 -> processCreate(m, e);
            case 4624 -> logon(m, e, "LogonSuccess");
            case 4625 -> logon(m, e, "LogonFailed");
            case 4648 -> logon(m, e, "LogonAttempted");
            case 4634, 4647 -> deviceEvent(m, e, "Logoff");
            case 4672 -> deviceEvent(m, e, "PrivilegedLogon");
            case 4720 -> deviceEvent(m, e, "UserAccountCreated");
            case 4722 -> deviceEvent(m, e, "UserAccountEnabled");
            case 4724 -> deviceEvent(m, e, "UserAccountPasswordReset");
            case 4726 -> deviceEvent(m, e, "UserAccountDeleted");
            case 4738 -> deviceEvent(m, e, "UserAccountModified");
            case 4732 -> deviceEvent(m, e, "UserAccountAddedToLocalGroup");
            case 4733 -> deviceEvent(m, e, "UserAccountRemovedFromLocalGroup");
            case 4728, 4756 -> directory(m, e, "Group Membership changed");
            case 4662 -> replication(m, e);
            case 4768 -> identityLogon(m, e, "Kerberos", "TGT");
            case 4769 -> identityLogon(m, e, "Kerberos", "Service ticket");
            case 4771 -> identityLogon(m, e, "Kerberos", "Pre-authentication");
            case 4776 -> identityLogon(m, e, "Ntlm", "Credential validation");
            case 5140 -> deviceEvent(m, e, "ShareAccessed");
            case 5145 -> deviceEvent(m, e, "ShareObjectAccessChecked");
            case 4697 -> service(m, e);
            case 4698 -> deviceEvent(m, e, "ScheduledTaskCreated");
            case 4699 -> deviceEvent(m, e, "ScheduledTaskDeleted");
            case 4702 -> deviceEvent(m, e, "ScheduledTaskUpdated");
            case 1102 -> deviceEvent(m, e, "SecurityLogCleared");
            default -> SecurityAuditEvents.ACTIONS.containsKey(e.eventId)
                    ? deviceEvent(m, e, SecurityAuditEvents.ACTIONS.get(e.eventId))
                    : WindowsMapper.unmapped(e);
        };
    }

    private static String integrity(String label) {
        if (label == null) {
            return null;
        }
        return switch (label.toUpperCase(Locale.ROOT)) {
            case "S-1-16-0" -> "Untrusted";
            case "S-1-16-4096" -> "Low";
            case "S-1-16-8192" -> "Medium";
            case "S-1-16-8448" -> "MediumPlus";
            case "S-1-16-12288" -> "High";
            case "S-1-16-16384" -> "System";
            default -> label;
        };
    }

    private static String elevation(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.trim()) {
            case "%%1936" -> "Default";
            case "%%1937" -> "Full";
            case "%%1938" -> "Limited";
            default -> type;
        };
    }

    private static Mapping processCreate(WindowsMapper m, WinEvent e) {
        RowBuilder r = m.row("DeviceProcessEvents", e, "ProcessCreated");
        ProcessLineage.Proc p = new ProcessLineage.Proc();
        p.image = e.get("NewProcessName");
        p.pid = e.getLong("NewProcessId");
        p.commandLine = e.get("CommandLine");
        p.integrity = integrity(e.get("MandatoryLabel"));
        p.created = e.systemTime;
        p.parentImage = e.get("ParentProcessName");
        p.parentPid = e.getLong("ProcessId");
        String targetUser = e.get("TargetUserName");
        String user = targetUser != null ? qualify(e.get("TargetDomainName"), targetUser) : qualify(e.get("SubjectDomainName"), e.get("SubjectUserName"));
        p.user = user;
        String device = e.computer == null ? "" : e.computer.toLowerCase(Locale.ROOT);
        ProcessLineage.Proc parent = m.lineage.get(device + "|" + p.parentPid);
        m.lineage.put(device + "|" + p.pid, p);
        r.put("FolderPath", p.image).put("FileName", RowBuilder.basename(p.image)).put("ProcessId", p.pid)
                .put("ProcessCommandLine", p.commandLine).put("ProcessIntegrityLevel", p.integrity).put("ProcessCreationTime", p.created)
                .put("ProcessTokenElevation", elevation(e.get("TokenElevationType"))).account(user, "")
                .put("AccountSid", e.get("TargetUserSid", "SubjectUserSid")).put("LogonId", e.getLong("TargetLogonId", "SubjectLogonId"));
        ProcessLineage.initiating(r, p.parentImage, p.parentPid, qualify(e.get("SubjectDomainName"), e.get("SubjectUserName")), parent);
        r.put("InitiatingProcessAccountSid", e.get("SubjectUserSid"));
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    private static String qualify(String domain, String name) {
        if (name == null) {
            return null;
        }
        return domain == null ? name : domain + "\\" + name;
    }

    private static String logonType(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.trim()) {
            case "2" -> "Interactive";
            case "3" -> "Network";
            case "4" -> "Batch";
            case "5" -> "Service";
            case "7" -> "Unlock";
            case "8" -> "NetworkCleartext";
            case "9" -> "NewCredentials";
            case "10" -> "RemoteInteractive";
            case "11" -> "CachedInteractive";
            default -> code;
        };
    }

    private static Mapping logon(WindowsMapper m, WinEvent e, String action) {
        RowBuilder r = m.row("DeviceLogonEvents", e, action);
        r.put("AccountName", e.get("TargetUserName")).put("AccountDomain", e.get("TargetDomainName")).put("AccountSid", e.get("TargetUserSid"))
                .put("LogonType", logonType(e.get("LogonType"))).put("LogonId", e.getLong("TargetLogonId"))
                .put("RemoteIP", e.get("IpAddress")).put("RemotePort", e.getLong("IpPort")).put("RemoteDeviceName", e.get("WorkstationName"))
                .put("Protocol", e.get("AuthenticationPackageName"));
        String status = e.get("SubStatus");
        if (status == null || status.equals("0x0")) {
            status = e.get("Status");
        }
        if (action.equals("LogonFailed")) {
            r.put("FailureReason", e.get("FailureReason") != null ? e.get("FailureReason") : status);
        }
        ProcessLineage.initiating(r, e.get("ProcessName"), e.getLong("ProcessId"),
                qualify(e.get("SubjectDomainName"), e.get("SubjectUserName")), null);
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    private static Mapping deviceEvent(WindowsMapper m, WinEvent e, String action) {
        RowBuilder r = m.row("DeviceEvents", e, action);
        String subject = e.get("SubjectUserName");
        r.put("AccountName", e.get("TargetUserName", "MemberName")).put("AccountDomain", e.get("TargetDomainName"))
                .put("AccountSid", e.get("TargetUserSid", "TargetSid", "MemberSid")).put("LogonId", e.getLong("TargetLogonId", "SubjectLogonId"))
                .put("RemoteIP", e.get("IpAddress")).put("RemotePort", e.getLong("IpPort"));
        r.put("InitiatingProcessAccountName", subject).put("InitiatingProcessAccountDomain", e.get("SubjectDomainName"))
                .put("InitiatingProcessAccountSid", e.get("SubjectUserSid"));
        String process = e.get("ProcessName");
        r.put("InitiatingProcessFolderPath", process).put("InitiatingProcessFileName", RowBuilder.basename(process))
                .put("InitiatingProcessId", e.getLong("ProcessId"));
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    private static Mapping service(WindowsMapper m, WinEvent e) {
        RowBuilder r = m.row("DeviceEvents", e, "ServiceInstalled");
        String path = e.get("ServiceFileName");
        r.put("FolderPath", path).put("FileName", RowBuilder.basename(path)).extra("ServiceFileName", path);
        r.put("InitiatingProcessAccountName", e.get("SubjectUserName")).put("InitiatingProcessAccountDomain", e.get("SubjectDomainName"));
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    private static Mapping directory(WindowsMapper m, WinEvent e, String action) {
        return Mapping.of(directoryRow(m, e, action).extras(e.leftovers()).build());
    }

    private static RowBuilder directoryRow(WindowsMapper m, WinEvent e, String action) {
        RowBuilder r = m.row("IdentityDirectoryEvents", e, action);
        r.put("Application", "Active Directory").put("DeviceName", e.computer == null ? null : e.computer.toLowerCase(Locale.ROOT))
                .put("AccountName", e.get("SubjectUserName")).put("AccountDomain", e.get("SubjectDomainName")).put("AccountSid", e.get("SubjectUserSid"))
                .put("TargetAccountDisplayName", e.get("MemberName")).extra("TO.GROUP", e.get("TargetUserName"));
        return r;
    }

    private static Mapping replication(WindowsMapper m, WinEvent e) {
        String props = e.get("Properties");
        String lower = props == null ? "" : props.toLowerCase(Locale.ROOT);
        for (String right : REPLICATION_RIGHTS) {
            if (lower.contains(right)) {
                // Reading Properties to choose the row took it out of the leftovers; rules test it (the rights GUIDs).
                return Mapping.of(directoryRow(m, e, "Directory Services replication").extra("Properties", props).extras(e.leftovers()).build());
            }
        }
        return Mapping.skip("no hunting table for Security event 4662 without a directory replication right");
    }

    private static Mapping identityLogon(WindowsMapper m, WinEvent e, String protocol, String kind) {
        String status = e.get("Status");
        boolean ok = status == null || status.equals("0x0") || status.equals("0");
        RowBuilder r = m.row("IdentityLogonEvents", e, ok ? "LogonSuccess" : "LogonFailed");
        String account = e.get("TargetUserName");
        r.put("Application", "Active Directory").put("Protocol", protocol).put("LogonType", kind)
                .put("AccountName", account).put("AccountDomain", e.get("TargetDomainName")).put("AccountSid", e.get("TargetSid", "TargetUserSid"))
                .put("DestinationDeviceName", e.computer == null ? null : e.computer.toLowerCase(Locale.ROOT))
                .put("DeviceName", e.get("Workstation", "WorkstationName")).put("IPAddress", clientIp(e.get("IpAddress")))
                .put("Port", e.getLong("IpPort")).put("FailureReason", ok ? null : status);
        // The identity tables have no DeviceId; the source host is the client, not the domain controller.
        r.extra("ServiceName", e.get("ServiceName"));
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    /** {@code ::ffff:10.0.0.5} → {@code 10.0.0.5}. */
    private static String clientIp(String ip) {
        return ip != null && ip.startsWith("::ffff:") ? ip.substring(7) : ip;
    }
}
