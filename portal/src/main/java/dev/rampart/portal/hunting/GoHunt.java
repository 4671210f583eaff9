package dev.rampart.portal.hunting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * "Go hunt": a hunting query pre-filled for one entity, as a link other pages can offer
 * ({@code /hunting?q=...}). Entities are recognised by the hunting column that holds them.
 */
public final class GoHunt {
    public enum Entity { DEVICE, ACCOUNT, FILE_HASH, IP, URL, FILE_NAME, EMAIL_MESSAGE }

    private GoHunt() {
    }

    /** The entity kind a result column carries, if it is one the portal can hunt for. */
    public static Optional<Entity> entityOf(String column) {
        return Optional.ofNullable(switch (column) {
            case "DeviceName", "DeviceId", "RemoteDeviceName" -> Entity.DEVICE;
            case "AccountName", "AccountUpn", "AccountSid", "AccountObjectId", "InitiatingProcessAccountName",
                    "RecipientEmailAddress", "SenderFromAddress" -> Entity.ACCOUNT;
            case "SHA1", "SHA256", "MD5", "InitiatingProcessSHA1", "InitiatingProcessSHA256" -> Entity.FILE_HASH;
            case "RemoteIP", "LocalIP", "IPAddress", "SenderIPv4", "DestinationIPAddress" -> Entity.IP;
            case "RemoteUrl", "Url", "UrlDomain" -> Entity.URL;
            case "FileName", "InitiatingProcessFileName" -> Entity.FILE_NAME;
            case "NetworkMessageId" -> Entity.EMAIL_MESSAGE;
            default -> null;
        });
    }

    /** KQL that finds the entity's activity; {@code column} picks the field to match. */
    public static String query(Entity entity, String column, String value) {
        String v = literal(value);
        return switch (entity) {
            case DEVICE -> "union DeviceProcessEvents, DeviceNetworkEvents, DeviceFileEvents, DeviceLogonEvents, DeviceRegistryEvents\n"
                    + "| where " + (column.equals("DeviceId") ? "DeviceId" : "DeviceName") + " == " + v + "\n"
                    + "| sort by Timestamp desc\n| take 1000";
            case ACCOUNT -> "union\n"
                    + "  (EmailEvents | where RecipientEmailAddress =~ " + v + " or SenderFromAddress =~ " + v + "\n"
                    + "    | project Timestamp, Source = \"EmailEvents\", Account = RecipientEmailAddress, Activity = DeliveryAction, Detail = Subject),\n"
                    + "  (IdentityLogonEvents | where AccountUpn =~ " + v + " or AccountName =~ " + v + "\n"
                    + "    | project Timestamp, Source = \"IdentityLogonEvents\", Account = AccountUpn, Activity = ActionType, Detail = Application),\n"
                    + "  (DeviceLogonEvents | where AccountName =~ " + v + "\n"
                    + "    | project Timestamp, Source = \"DeviceLogonEvents\", Account = AccountName, Activity = ActionType, Detail = DeviceName),\n"
                    + "  (DeviceProcessEvents | where AccountName =~ " + v + " or AccountUpn =~ " + v + "\n"
                    + "    | project Timestamp, Source = \"DeviceProcessEvents\", Account = AccountName, Activity = FileName, Detail = ProcessCommandLine)\n"
                    + "| sort by Timestamp desc\n| take 1000";
            case FILE_HASH -> "union DeviceProcessEvents, DeviceFileEvents, DeviceImageLoadEvents\n"
                    + "| where SHA1 == " + v + " or SHA256 == " + v + " or MD5 == " + v + "\n"
                    + "| summarize Events = count(), Devices = dcount(DeviceId), FirstSeen = min(Timestamp), LastSeen = max(Timestamp) by FileName, SHA1";
            case IP -> "DeviceNetworkEvents\n| where RemoteIP == " + v + " or LocalIP == " + v + "\n"
                    + "| project Timestamp, DeviceName, ActionType, LocalIP, RemoteIP, RemotePort, RemoteUrl, InitiatingProcessFileName\n"
                    + "| sort by Timestamp desc";
            case URL -> "DeviceNetworkEvents\n| where RemoteUrl has " + v + "\n"
                    + "| project Timestamp, DeviceName, RemoteUrl, RemoteIP, InitiatingProcessFileName\n| sort by Timestamp desc";
            case FILE_NAME -> "DeviceProcessEvents\n| where FileName =~ " + v + "\n"
                    + "| summarize Executions = count(), Devices = dcount(DeviceId), CommandLines = make_set(ProcessCommandLine, 20) by FileName, SHA1";
            case EMAIL_MESSAGE -> "union withsource=Table EmailEvents, EmailPostDeliveryEvents, EmailUrlInfo, EmailAttachmentInfo\n"
                    + "| where NetworkMessageId == " + v + "\n| sort by Timestamp desc";
        };
    }

    /** {@code /hunting?q=...} for the entity. */
    public static String link(Entity entity, String column, String value) {
        return "/hunting?q=" + URLEncoder.encode(query(entity, column, value), StandardCharsets.UTF_8);
    }

    public static String label(Entity entity) {
        return switch (entity) {
            case DEVICE -> "Hunt device activity";
            case ACCOUNT -> "Hunt account activity";
            case FILE_HASH -> "Hunt this file hash";
            case IP -> "Hunt this IP";
            case URL -> "Hunt this URL";
            case FILE_NAME -> "Hunt this file name";
            case EMAIL_MESSAGE -> "Hunt this email";
        } + " (" + entity.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }

    /** A KQL string literal holding {@code s} exactly. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
