package dev.rampart.portal.ingest.format;

/** Sysmon event ids to Defender tables (docs/ingest-formats.md, "Sysmon"). */
final class SysmonMapping {
    private SysmonMapping() {
    }

    static Mapping map(WindowsMapper m, WinEvent e) {
        e.get("RuleName");
        return switch (e.eventId) {
            case 1 -> processCreate(m, e);
            case 3 -> network(m, e);
            case 2 -> file(m, e, "FileModified");
            case 11, 15 -> file(m, e, "FileCreated");
            case 23, 26 -> file(m, e, "FileDeleted");
            case 12, 13, 14 -> registry(m, e);
            case 7 -> imageLoad(m, e);
            case 6 -> deviceEvent(m, e, "DriverLoad", "ImageLoaded", null);
            case 8 -> deviceEvent(m, e, "CreateRemoteThreadApiCall", "TargetImage", "TargetProcessId");
            case 10 -> deviceEvent(m, e, "OpenProcessApiCall", "TargetImage", "TargetProcessId");
            case 9 -> deviceEvent(m, e, "RawAccessRead", null, null);
            case 17, 18 -> deviceEvent(m, e, "NamedPipeEvent", null, null);
            case 19 -> deviceEvent(m, e, "WmiEventFilterRegistered", null, null);
            case 20 -> deviceEvent(m, e, "WmiEventConsumerRegistered", null, null);
            case 21 -> deviceEvent(m, e, "WmiBindEventFilterToConsumer", null, null);
            case 22 -> deviceEvent(m, e, "DnsQueryResponse", null, null);
            case 24 -> deviceEvent(m, e, "ClipboardChange", null, null);
            case 25 -> deviceEvent(m, e, "ProcessTampering", null, null);
            case 27, 28, 29 -> file(m, e, "FileBlocked");
            // Defender has no counterpart; DeviceEvents is its table for sensor-level events, and Sigma rules watch
            // these for tampering with the sensor itself.
            case 4 -> deviceEvent(m, e, "SysmonServiceStateChanged", null, null);
            case 16 -> deviceEvent(m, e, "SysmonConfigurationChanged", null, null);
            case 255 -> deviceEvent(m, e, "SysmonError", null, null);
            default -> Mapping.skip("no hunting table for Sysmon event " + e.eventId + (e.eventId == 5 ? " (process terminated)" : ""));
        };
    }

    private static Mapping processCreate(WindowsMapper m, WinEvent e) {
        RowBuilder r = m.row("DeviceProcessEvents", e, "ProcessCreated");
        ProcessLineage.Proc p = new ProcessLineage.Proc();
        p.image = e.get("Image");
        p.commandLine = e.get("CommandLine");
        p.pid = e.getLong("ProcessId");
        p.user = e.get("User");
        p.integrity = e.get("IntegrityLevel");
        p.hashes = e.get("Hashes");
        p.created = Times.parse(e.get("UtcTime"));
        p.parentImage = e.get("ParentImage");
        p.parentPid = e.getLong("ParentProcessId");
        p.originalFileName = e.get("OriginalFileName");
        p.description = e.get("Description");
        p.product = e.get("Product");
        p.company = e.get("Company");
        p.fileVersion = e.get("FileVersion");
        p.logonId = e.getLong("LogonId");
        ProcessLineage.Proc parent = m.lineage.get(e.get("ParentProcessGuid"));
        if (parent != null) {
            p.parentCreated = parent.created;
        }
        m.lineage.put(e.get("ProcessGuid"), p);

        r.put("FolderPath", p.image).put("FileName", RowBuilder.basename(p.image)).put("ProcessCommandLine", p.commandLine)
                .put("ProcessId", p.pid).put("ProcessIntegrityLevel", p.integrity).put("ProcessCreationTime", p.created)
                .put("LogonId", p.logonId).account(p.user, "")
                .put("ProcessVersionInfoOriginalFileName", p.originalFileName).put("ProcessVersionInfoFileDescription", p.description)
                .put("ProcessVersionInfoProductName", p.product).put("ProcessVersionInfoCompanyName", p.company)
                .put("ProcessVersionInfoProductVersion", p.fileVersion).hashes(p.hashes, "");
        ProcessLineage.initiating(r, p.parentImage, p.parentPid, e.get("ParentUser"), parent);
        r.put("InitiatingProcessCommandLine", e.get("ParentCommandLine"));
        r.extra("ProcessGuid", e.get("ProcessGuid")).extra("ParentProcessGuid", e.get("ParentProcessGuid"));
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    /** Initiating process of non-process events: Image/ProcessId of the event plus what the lineage knows. */
    private static void initiator(WindowsMapper m, WinEvent e, RowBuilder r, String imageField, String pidField, String guidField) {
        String guid = e.get(guidField);
        ProcessLineage.initiating(r, e.get(imageField), e.getLong(pidField, pidField.replace("Id", "ID")), e.get("User"), m.lineage.get(guid));
        r.extra(guidField, guid);
    }

    private static Mapping network(WindowsMapper m, WinEvent e) {
        boolean initiated = !"false".equalsIgnoreCase(e.get("Initiated"));
        RowBuilder r = m.row("DeviceNetworkEvents", e, initiated ? "ConnectionSuccess" : "InboundConnectionAccepted");
        String local = initiated ? "Source" : "Destination";
        String remote = initiated ? "Destination" : "Source";
        r.put("RemoteIP", e.get(remote + "Ip")).put("RemotePort", e.getLong(remote + "Port")).put("RemoteUrl", e.get(remote + "Hostname"))
                .put("LocalIP", e.get(local + "Ip")).put("LocalPort", e.getLong(local + "Port"));
        String proto = e.get("Protocol");
        r.put("Protocol", proto == null ? null : proto.equalsIgnoreCase("tcp") ? "Tcp" : proto.equalsIgnoreCase("udp") ? "Udp" : proto);
        initiator(m, e, r, "Image", "ProcessId", "ProcessGuid");
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    private static Mapping file(WindowsMapper m, WinEvent e, String action) {
        RowBuilder r = m.row("DeviceFileEvents", e, action);
        String path = e.get("TargetFilename");
        r.put("FolderPath", path).put("FileName", RowBuilder.basename(path)).hashes(e.get("Hashes", "Hash"), "");
        String user = e.get("User");
        r.account(user, "Request");
        initiator(m, e, r, "Image", "ProcessId", "ProcessGuid");
        return Mapping.of(r.extras(e.leftovers()).build());
    }

    private static Mapping registry(WindowsMapper m, WinEvent e) {
        String type = e.get("EventType");
        if (type == null || !type.matches("CreateKey|DeleteKey|SetValue|DeleteValue|RenameKey")) {
            // NXLog overwrites EventType with its own severity; the event id still tells the kind.
            type = e.eventId == 12 ? "CreateKey" : e.eventId == 13 ? "SetValue" : "RenameKey";
        }
        String target = RegistryPaths.normalize(e.get("TargetObject"));
        String action = switch (type) {
            case "CreateKey" -> "RegistryKeyCreated";
            case "DeleteKey" -> "RegistryKeyDeleted";
            case "DeleteValue" -> "RegistryValueDeleted";
            case "RenameKey" -> "RegistryKeyRenamed";
            default -> "RegistryValueSet";
        };
        RowBuilder r = m.row("DeviceRegistryEvents", e, action);
        boolean valueEvent = type.equals("SetValue") || type.equals("DeleteValue");
        if (valueEvent && target != null && target.lastIndexOf('\\') > 0) {
            int cut = target.lastIndexOf('\\');
            r.put("RegistryKey", target.substring(0, cut)).put("RegistryValueName", target.substring(cut + 1));
        } else if (type.equals("RenameKey")) {
            r.put("PreviousRegistryKey", target).put("RegistryKey", RegistryPaths.normalize(e.get("NewName")));
        } else {
            r.put("RegistryKey", target);
        }
        String details = e.get("Details");
        r.put("RegistryValueData", RegistryPaths.valueData(details)).put("RegistryValueType", valueEvent ? RegistryPaths.valueType(details) : null);
        initiator(m, e, r, "Image", "ProcessId", "ProcessGuid");
        return Mapping.of(r.build());
    }

    private static Mapping imageLoad(WindowsMapper m, WinEvent e) {
        RowBuilder r = m.row("DeviceImageLoadEvents", e, "ImageLoaded");
        String path = e.get("ImageLoaded");
        r.put("FolderPath", path).put("FileName", RowBuilder.basename(path)).hashes(e.get("Hashes"), "");
        initiator(m, e, r, "Image", "ProcessId", "ProcessGuid");
        return Mapping.of(r.build());
    }

    /**
     * DeviceEvents rows: the target file or process (if the event has one) in FileName/FolderPath/ProcessId, the
     * initiator from Image or SourceImage, and every other Sysmon field by its own name in AdditionalFields.
     */
    private static Mapping deviceEvent(WindowsMapper m, WinEvent e, String action, String targetImage, String targetPid) {
        RowBuilder r = m.row("DeviceEvents", e, action);
        if (targetImage != null) {
            String path = e.get(targetImage);
            r.put("FolderPath", path).put("FileName", RowBuilder.basename(path));
            // Kept under the Sysmon name too: process-access and remote-thread rules test it.
            r.extra(targetImage, path);
        }
        if (targetPid != null) {
            r.put("ProcessId", e.getLong(targetPid));
        }
        r.hashes(e.get("Hashes"), "");
        if (e.get("SourceImage") != null) {
            initiator(m, e, r, "SourceImage", "SourceProcessId", "SourceProcessGuid");
            r.extra("SourceImage", e.get("SourceImage"));
        } else {
            initiator(m, e, r, "Image", "ProcessId", "ProcessGuid");
        }
        if (e.eventId == 22) {
            r.put("RemoteUrl", e.get("QueryName")).extra("QueryName", e.get("QueryName"));
        }
        return Mapping.of(r.extras(e.leftovers()).build());
    }
}
