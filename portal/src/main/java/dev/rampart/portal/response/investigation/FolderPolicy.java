package dev.rampart.portal.response.investigation;

import dev.rampart.portal.access.AutomationLevel;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a remediation runs at once or waits for approval, by the device group's automation level and, for file
 * remediation, by the folder the file lives in. Core folders are the operating system's own (removing a file there
 * can break the device, so the Semi "core folders" level asks first); temporary folders are where droppers and
 * downloads land (so the Semi "non-temporary folders" level lets those go automatically). A file whose folder is not
 * known is treated as needing approval under every Semi level: the safe side of a rule we cannot evaluate.
 */
public final class FolderPolicy {
    // Paths are normalised first: lower case, '/' for '\', drive letter and \\?\ prefix removed, %SystemRoot% expanded.
    private static final List<Pattern> CORE = List.of(
            Pattern.compile("^/windows(/|$)"),
            Pattern.compile("^/(bin|sbin|boot|etc|lib|lib32|lib64|usr/bin|usr/sbin|usr/lib|usr/libexec|system|library/apple)(/|$)"));
    private static final List<Pattern> TEMP = List.of(
            Pattern.compile("^/users/[^/]+/appdata/local/temp(/|$)"),
            Pattern.compile("^/users/[^/]+/downloads(/|$)"),
            Pattern.compile("^/windows/temp(/|$)"),
            Pattern.compile("^/windows/downloaded program files(/|$)"),
            Pattern.compile("^/documents and settings/[^/]+/local settings/temp(/|$)"),
            Pattern.compile("^/(temp|tmp)(/|$)"),
            Pattern.compile("^/var/tmp(/|$)"),
            Pattern.compile("^/private/(tmp|var/folders)(/|$)"),
            Pattern.compile("^/home/[^/]+/downloads(/|$)"));

    private FolderPolicy() {
    }

    /** The decision and the sentence the playbook log shows for it. */
    public record Outcome(boolean automatic, String reason) {
    }

    /** Remediation of a file in {@code folder} (a folder or full path; null when unknown). */
    public static Outcome forFile(AutomationLevel level, String folder) {
        String where = folder == null || folder.isBlank() ? "unknown folder" : folder.strip();
        return switch (level) {
            case FULL -> new Outcome(true, "Full automation: remediated automatically (" + where + ")");
            case NONE -> new Outcome(false, "No automated response: waits for approval (" + where + ")");
            case SEMI_ALL_FOLDERS -> new Outcome(false, "Semi – approval for all folders: waits for approval (" + where + ")");
            case SEMI_CORE_FOLDERS -> {
                if (folder == null || folder.isBlank()) {
                    yield new Outcome(false, "Semi – approval for core folders: folder unknown, waits for approval");
                }
                yield isCore(folder) ? new Outcome(false, "Semi – approval for core folders: " + where + " is a core (system) folder, waits for approval")
                        : new Outcome(true, "Semi – approval for core folders: " + where + " is not a core folder, remediated automatically");
            }
            case SEMI_NON_TEMP_FOLDERS -> {
                if (folder == null || folder.isBlank()) {
                    yield new Outcome(false, "Semi – approval for non-temporary folders: folder unknown, waits for approval");
                }
                yield isTemp(folder) ? new Outcome(true, "Semi – approval for non-temporary folders: " + where + " is a temporary folder, remediated automatically")
                        : new Outcome(false, "Semi – approval for non-temporary folders: " + where + " is not a temporary folder, waits for approval");
            }
        };
    }

    /** Remediation that is not about a file (block an address, isolate the device): only Full runs it at once. */
    public static Outcome forOther(AutomationLevel level) {
        return level == AutomationLevel.FULL ? new Outcome(true, "Full automation: runs automatically")
                : new Outcome(false, level.label() + ": not a file remediation, waits for approval");
    }

    /** The operating system's folders; Windows\Temp is temporary, not core. */
    public static boolean isCore(String path) {
        String p = normalise(path);
        return !isTemp(path) && CORE.stream().anyMatch(c -> c.matcher(p).find());
    }

    public static boolean isTemp(String path) {
        String p = normalise(path);
        return TEMP.stream().anyMatch(c -> c.matcher(p).find());
    }

    static String normalise(String path) {
        String p = path.strip().replace('\\', '/').toLowerCase(Locale.ROOT);
        if (p.startsWith("//?/")) {
            p = p.substring(4);
        }
        p = p.replaceFirst("^%systemroot%", "/windows").replaceFirst("^%windir%", "/windows").replaceFirst("^%temp%", "/tmp")
                .replaceFirst("^%userprofile%", "/users/user");
        if (p.length() >= 2 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':') {
            p = p.substring(2);
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
