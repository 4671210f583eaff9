package dev.rampart.portal.ingest.format;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Registry path spelling as Defender reports it: full hive names and the concrete control set. Shared by the
 * Sysmon mapper (stored keys) and the Sigma compiler (values in rules), so both sides agree.
 */
public final class RegistryPaths {
    private static final Pattern CURRENT_CONTROL_SET = Pattern.compile("(?i)CurrentControlSet");

    private RegistryPaths() {
    }

    /** {@code HKLM\System\CurrentControlSet\x} → {@code HKEY_LOCAL_MACHINE\System\ControlSet001\x}; other text unchanged. */
    public static String normalize(String path) {
        if (path == null) {
            return null;
        }
        String p = path;
        String upper = p.toUpperCase(Locale.ROOT);
        if (upper.startsWith("HKLM\\") || upper.equals("HKLM")) {
            p = "HKEY_LOCAL_MACHINE" + p.substring(4);
        } else if (upper.startsWith("HKU\\") || upper.equals("HKU")) {
            p = "HKEY_USERS" + p.substring(3);
        } else if (upper.startsWith("HKCU\\")) {
            p = "HKEY_CURRENT_USER" + p.substring(4);
        } else if (upper.startsWith("HKCR\\")) {
            p = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes" + p.substring(4);
        }
        return CURRENT_CONTROL_SET.matcher(p).replaceAll("ControlSet001");
    }

    /**
     * Sysmon's {@code Details} text as Defender's value data: {@code DWORD (0x00000001)} → {@code 1},
     * {@code QWORD (0x00000001-0x00000002)} → the 64-bit number; other text unchanged.
     */
    public static String valueData(String details) {
        if (details == null) {
            return null;
        }
        if (details.startsWith("DWORD (0x") && details.endsWith(")")) {
            try {
                return Long.toString(Long.parseLong(details.substring(9, details.length() - 1), 16));
            } catch (NumberFormatException e) {
                return details;
            }
        }
        if (details.startsWith("QWORD (0x") && details.endsWith(")")) {
            String[] parts = details.substring(9, details.length() - 1).split("-0x");
            if (parts.length == 2) {
                try {
                    return Long.toUnsignedString((Long.parseLong(parts[0], 16) << 32) | Long.parseLong(parts[1], 16));
                } catch (NumberFormatException e) {
                    return details;
                }
            }
        }
        return details;
    }

    static String valueType(String details) {
        if (details == null) {
            return null;
        }
        if (details.startsWith("DWORD (")) {
            return "Dword";
        }
        if (details.startsWith("QWORD (")) {
            return "Qword";
        }
        if (details.equals("Binary Data")) {
            return "Binary";
        }
        return "String";
    }
}
