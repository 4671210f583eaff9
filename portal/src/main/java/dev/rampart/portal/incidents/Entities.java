package dev.rampart.portal.incidents;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises entity values and decides which are strong enough to correlate on. Built-in service identities,
 * machine accounts, private or local addresses and processes are evidence but never link incidents: every
 * alert on a machine would otherwise share "SYSTEM" or the gateway address.
 */
final class Entities {
    private static final Set<String> SERVICE_IDENTITIES = Set.of("system", "local service", "network service", "localsystem",
            "anonymous logon", "nt authority\\system", "nt authority\\local service", "nt authority\\network service", "-", "n/a");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Entities() {
    }

    static Evidence evidence(EntityType type, String raw, String verdict, List<String> roles) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        String v = verdict == null ? "suspicious" : verdict;
        return switch (type) {
            case DEVICE -> {
                String host = value.toLowerCase(Locale.ROOT);
                int dot = host.indexOf('.');
                String shortName = IPV4.matcher(host).matches() || dot < 0 ? host : host.substring(0, dot);
                yield new Evidence(type, shortName, value, v, roles, true);
            }
            case USER -> {
                String u = value.toLowerCase(Locale.ROOT);
                int slash = u.indexOf('\\');
                String bare = slash >= 0 ? u.substring(slash + 1) : u;
                boolean service = SERVICE_IDENTITIES.contains(u) || SERVICE_IDENTITIES.contains(bare) || bare.endsWith("$")
                        || bare.startsWith("dwm-") || bare.startsWith("umfd-");
                yield new Evidence(type, bare, value, v, roles, !service);
            }
            case MAILBOX -> new Evidence(type, value.toLowerCase(Locale.ROOT), value, v, roles, value.contains("@"));
            case FILE -> {
                boolean hash = HEX.matcher(value).matches();
                yield new Evidence(type, hash ? value.toLowerCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT), value, v, roles, hash);
            }
            case PROCESS -> new Evidence(type, value.toLowerCase(Locale.ROOT), value, v, roles, false);
            case IP -> new Evidence(type, value.toLowerCase(Locale.ROOT), value, v, roles, publicAddress(value));
            case URL -> new Evidence(type, value.toLowerCase(Locale.ROOT), value, v, roles, publicAddress(host(value)));
        };
    }

    /** Public unicast addresses and names are "uncommon" enough to link on; private, local and multicast are not. */
    static boolean publicAddress(String hostOrIp) {
        if (hostOrIp == null || hostOrIp.isBlank()) {
            return false;
        }
        String h = hostOrIp.strip().toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".local") || h.endsWith(".internal") || h.endsWith(".lan")) {
            return false;
        }
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return h.contains(".");
        }
        try {
            InetAddress a = InetAddress.getByName(h);
            return !(a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("100.64."));
        } catch (Exception notAnAddress) {
            return false;
        }
    }

    private static String host(String url) {
        try {
            String u = url.contains("://") ? url : "http://" + url;
            return URI.create(u.replace(" ", "%20")).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
