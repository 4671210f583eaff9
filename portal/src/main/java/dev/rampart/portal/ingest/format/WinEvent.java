package dev.rampart.portal.ingest.format;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One Windows event reduced to what the mappers need, whatever shipper wrote it:
 * <ul>
 * <li>XML-as-JSON ({@code {"Event":{"System":{..},"EventData":{..}}}}, evtx converters, Sigma regression data);</li>
 * <li>winlogbeat ({@code winlog.event_data}, {@code winlog.event_id}, {@code winlog.channel}, {@code @timestamp});</li>
 * <li>flat NXLog / OTRF lines (EventData fields next to {@code EventID}, {@code Channel}, {@code Hostname});</li>
 * <li>Log Analytics rows whose {@code EventData} is an XML string of {@code <Data Name="..">} elements.</li>
 * </ul>
 * Event data is kept as text by field name; {@link #get} records which fields a mapping used so that the
 * rest can be kept in {@code AdditionalFields} ({@link #leftovers}).
 */
final class WinEvent {
    /** Shipper envelope fields of flat events; they are not event data. */
    private static final Set<String> ENVELOPE = Set.of("EventID", "Channel", "Hostname", "host", "Computer", "ComputerName",
            "@timestamp", "@version", "TimeCreated", "EventTime", "EventReceivedTime", "TimeGenerated", "SourceName", "ProviderName",
            "ProviderGuid", "RecordNumber", "EventRecordID", "Message", "Keywords", "Severity", "SeverityValue", "Task", "Opcode",
            "OpcodeValue", "Version", "Level", "ThreadID", "ExecutionProcessID", "SourceModuleName", "SourceModuleType", "port",
            "tags", "EventTypeOrignal", "ERROR_EVT_UNRESOLVED", "Category", "TenantId", "SourceSystem", "MG", "ManagementGroupName",
            "Type", "_ResourceId", "EventData", "EventLevel", "EventLevelName", "EventCategory", "EventOriginId", "AccountType",
            "UserID", "ActivityID", "Domain", "AccountName");
    private static final Pattern XML_DATA = Pattern.compile("<Data Name=\"([^\"]+)\">([^<]*)</Data>");

    final String channel;
    final String provider;
    final int eventId;
    final String computer;
    final LocalDateTime systemTime;
    final Long recordId;
    private final Map<String, String> data;
    private final Set<String> used = new HashSet<>();

    private WinEvent(String channel, String provider, int eventId, String computer, LocalDateTime systemTime, Long recordId,
                     Map<String, String> data) {
        this.channel = channel == null ? "" : channel;
        this.provider = provider == null ? "" : provider;
        this.eventId = eventId;
        this.computer = computer;
        this.systemTime = systemTime;
        this.recordId = recordId;
        this.data = data;
    }

    /** Thrown for JSON that is no Windows event in any known shape. */
    static final class NotAnEvent extends Exception {
        NotAnEvent(String message) {
            super(message);
        }
    }

    static WinEvent of(JsonNode n) throws NotAnEvent {
        if (!n.isObject()) {
            throw new NotAnEvent("expected a JSON object");
        }
        JsonNode ev = n.get("Event");
        if (ev != null && ev.isObject() && ev.get("System") != null) {
            return fromXmlJson(ev);
        }
        JsonNode winlog = n.get("winlog");
        if (winlog != null && winlog.isObject()) {
            return fromWinlogbeat(n, winlog);
        }
        return fromFlat(n);
    }

    private static WinEvent fromXmlJson(JsonNode ev) throws NotAnEvent {
        JsonNode sys = ev.get("System");
        Map<String, String> data = new LinkedHashMap<>();
        flattenInto(ev.get("EventData"), data);
        JsonNode user = ev.get("UserData");
        if (user != null && user.isObject()) {
            for (Map.Entry<String, JsonNode> e : user.properties()) {
                flattenInto(e.getValue(), data);
            }
        }
        String provider = text(sys.path("Provider").path("#attributes").get("Name"));
        return new WinEvent(text(sys.get("Channel")), provider, eventId(scalar(sys.get("EventID"))), text(sys.get("Computer")),
                Times.parse(text(sys.path("TimeCreated").path("#attributes").get("SystemTime"))), number(sys.get("EventRecordID")), data);
    }

    private static WinEvent fromWinlogbeat(JsonNode n, JsonNode w) throws NotAnEvent {
        Map<String, String> data = new LinkedHashMap<>();
        flattenInto(w.get("event_data"), data);
        flattenInto(w.get("user_data"), data);
        String computer = text(w.get("computer_name"));
        if (computer == null) {
            computer = text(n.path("host").get("name"));
        }
        JsonNode id = w.get("event_id");
        if (id == null) {
            id = n.path("event").get("code");
        }
        return new WinEvent(text(w.get("channel")), text(w.get("provider_name")), eventId(id), computer,
                Times.parse(text(n.get("@timestamp"))), number(w.get("record_id")), data);
    }

    private static WinEvent fromFlat(JsonNode n) throws NotAnEvent {
        Map<String, String> data = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!ENVELOPE.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                data.put(e.getKey(), e.getValue().asString());
            }
        }
        JsonNode xml = n.get("EventData");
        if (xml != null && xml.isString()) {
            Matcher m = XML_DATA.matcher(xml.asString());
            while (m.find()) {
                data.put(m.group(1), unescape(m.group(2)));
            }
        } else if (xml != null && xml.isObject()) {
            flattenInto(xml, data);
        }
        // NXLog keeps the logging account here; Sysmon and Security have their own user fields, so only fall back.
        String computer = firstText(n, "Hostname", "Computer", "ComputerName");
        if (computer == null && n.get("host") != null) {
            computer = n.get("host").isObject() ? text(n.get("host").get("name")) : text(n.get("host"));
        }
        LocalDateTime t = null;
        for (String k : new String[] {"@timestamp", "TimeGenerated", "TimeCreated", "EventTime"}) {
            t = Times.parse(text(n.get(k)));
            if (t != null) {
                break;
            }
        }
        if (n.get("EventID") == null) {
            throw new NotAnEvent("no EventID: not a Windows event (flat, winlogbeat or Event/System shape)");
        }
        Long record = number(n.get("RecordNumber"));
        if (record == null) {
            record = number(n.get("EventRecordID"));
        }
        return new WinEvent(text(n.get("Channel")), firstText(n, "SourceName", "ProviderName"), eventId(n.get("EventID")), computer, t,
                record, data);
    }

    private static void flattenInto(JsonNode node, Map<String, String> out) {
        if (node == null || !node.isObject()) {
            return;
        }
        JsonNode list = node.get("Data");
        if (list != null && list.isArray()) {
            // <Data Name="x">v</Data> rendered by some converters as [{"@Name":"x","#text":"v"}]
            List<String> unnamed = new ArrayList<>();
            for (JsonNode d : list) {
                String name = d.isObject() ? firstText(d, "@Name", "Name") : null;
                if (name != null) {
                    out.put(name, text(d.has("#text") ? d.get("#text") : d.get("value")));
                } else if (d.isValueNode() && !d.isNull()) {
                    unnamed.add(d.asString());
                } else if (d.isObject() && d.get("#text") != null) {
                    unnamed.add(text(d.get("#text")));
                }
            }
            if (!unnamed.isEmpty()) {
                // Classic logs (Windows PowerShell 400/600/800) write unnamed <Data> items; rules search them as one "Data" text.
                out.put("Data", String.join("\n", unnamed));
            }
        } else if (list != null && list.isString()) {
            out.put("Data", list.asString());
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                out.put(e.getKey(), v.asString());
            } else if (v.isObject() && v.get("#text") != null) {
                out.put(e.getKey(), text(v.get("#text")));
            }
        }
    }

    private static JsonNode scalar(JsonNode n) {
        return n != null && n.isObject() && n.get("#text") != null ? n.get("#text") : n;
    }

    private static int eventId(JsonNode n) throws NotAnEvent {
        Long id = number(scalar(n));
        if (id == null || id < 0 || id > 65535) {
            throw new NotAnEvent("EventID missing or not a number");
        }
        return id.intValue();
    }

    private static Long number(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isIntegralNumber() ? Long.valueOf(n.longValue()) : RowShaper.parseLong(n.asString());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || n.isContainer() ? null : n.asString();
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            String t = text(n.get(k));
            if (t != null && !t.isEmpty()) {
                return t;
            }
        }
        return null;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    boolean isSysmon() {
        return channel.equalsIgnoreCase("Microsoft-Windows-Sysmon/Operational") || provider.equalsIgnoreCase("Microsoft-Windows-Sysmon");
    }

    boolean isSecurity() {
        return channel.equalsIgnoreCase("Security") || provider.equalsIgnoreCase("Microsoft-Windows-Security-Auditing");
    }

    /** The event data field, null if absent, empty or {@code -} (Windows' "no value"). Marks it used. */
    String get(String name) {
        used.add(name);
        String v = data.get(name);
        return v == null || v.isEmpty() || v.equals("-") ? null : v;
    }

    /** The first present of several spellings (shippers differ in case, e.g. ProcessId / ProcessID). */
    String get(String... names) {
        String found = null;
        for (String n : names) {
            String v = get(n);
            if (found == null) {
                found = v;
            }
        }
        return found;
    }

    Long getLong(String... names) {
        String v = get(names);
        return v == null ? null : RowShaper.parseLong(v);
    }

    /** Event data fields no mapping read, by original name: kept in AdditionalFields so rules can still see them. */
    Map<String, String> leftovers() {
        Map<String, String> out = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (!used.contains(k) && v != null && !v.isEmpty() && !v.equals("-")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
