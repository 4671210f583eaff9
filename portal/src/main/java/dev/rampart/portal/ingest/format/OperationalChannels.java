package dev.rampart.portal.ingest.format;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Windows operational logs that neither Defender nor the other mappings cover, but that Sigma rules watch (code
 * integrity, AppX deployment, firewall, BITS, DNS client, AppLocker, Exchange management...). Every event of these
 * channels becomes one {@code DeviceEvents} row whose ActionType is the channel's short name followed by the event
 * id (for example {@code CodeIntegrity3077}), with all event fields in {@code AdditionalFields} under their names
 * without spaces, and the event's provider as {@code ProviderName}. The names say only where the event came from: no
 * meaning is claimed for ids Rampart does not know.
 */
public final class OperationalChannels {
    /** A channel: its event log name, ActionType prefix and the Sigma {@code logsource.service} that names it. */
    public record Channel(String name, String prefix, String sigmaService) {
    }

    /** ActionType prefix of System log events that have no name of their own ({@code System16}). */
    public static final String SYSTEM_PREFIX = "System";

    private static final Map<String, Channel> BY_NAME = Map.ofEntries(
            // Application log events are told apart by provider (ProviderName in AdditionalFields), then by id.
            entry("Application", "Application", "application"),
            entry("Microsoft-Windows-CodeIntegrity/Operational", "CodeIntegrity", "codeintegrity-operational"),
            entry("Microsoft-Windows-AppXDeploymentServer/Operational", "AppxDeployment", "appxdeployment-server"),
            entry("Microsoft-Windows-Windows Firewall With Advanced Security/Firewall", "Firewall", "firewall-as"),
            entry("Microsoft-Windows-Bits-Client/Operational", "BitsClient", "bits-client"),
            entry("Microsoft-Windows-DNS Client Events/Operational", "DnsClient", "dns-client"),
            entry("MSExchange Management", "ExchangeManagement", "msexchange-management"),
            entry("Microsoft-Windows-NTLM/Operational", "Ntlm", "ntlm"),
            entry("DNS Server", "DnsServer", "dns-server"),
            entry("Microsoft-IIS-Configuration/Operational", "IisConfiguration", "iis-configuration"),
            entry("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational", "LocalSessionManager",
                    "terminalservices-localsessionmanager"),
            entry("OpenSSH/Operational", "OpenSsh", "openssh"),
            entry("Microsoft-Windows-Shell-Core/Operational", "ShellCore", "shell-core"),
            entry("Microsoft-Windows-SmbClient/Security", "SmbClient", "smbclient-security"));

    private static Map.Entry<String, Channel> entry(String name, String prefix, String service) {
        return Map.entry(name.toLowerCase(Locale.ROOT), new Channel(name, prefix, service));
    }

    private OperationalChannels() {
    }

    /** The channel of an event log name, ignoring case. */
    public static Optional<Channel> byName(String channel) {
        return Optional.ofNullable(channel == null ? null : BY_NAME.get(channel.toLowerCase(Locale.ROOT)));
    }

    /** The channel a Sigma {@code logsource.service} reads. */
    public static Optional<Channel> bySigmaService(String service) {
        return BY_NAME.values().stream().filter(c -> c.sigmaService().equalsIgnoreCase(service)).findFirst();
    }

    /** The ActionType of an event of the channel. */
    public static String actionType(Channel channel, int eventId) {
        return channel.prefix() + eventId;
    }
}
