package dev.rampart.portal.response;

import static dev.rampart.portal.access.Permission.ALERTS_MANAGE;
import static dev.rampart.portal.access.Permission.EMAIL_CONTENT_READ;
import static dev.rampart.portal.access.Permission.FILE_COLLECTION_MANAGE;
import static dev.rampart.portal.access.Permission.RESPONSE_MANAGE;

import dev.rampart.portal.access.Permission;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The response action catalogue: per target type, what may be requested, which permissions it needs, who executes
 * it, whether a manual request needs a second analyst's approval (email remediation is two-step in the reference)
 * and which action undoes it. Scans, investigation packages and automated investigations need Alerts (manage),
 * file collection needs File collection (manage), hard delete also needs Email content (read); the rest Response (manage).
 */
public enum ActionType {
    ISOLATE_DEVICE(TargetType.DEVICE, "Isolate device", Executor.DEVICE_SENSOR, false, "RELEASE_FROM_ISOLATION", RESPONSE_MANAGE),
    RELEASE_FROM_ISOLATION(TargetType.DEVICE, "Release from isolation", Executor.DEVICE_SENSOR, false, null, RESPONSE_MANAGE),
    RESTRICT_APP_EXECUTION(TargetType.DEVICE, "Restrict app execution", Executor.DEVICE_SENSOR, false, "REMOVE_APP_RESTRICTION", RESPONSE_MANAGE),
    REMOVE_APP_RESTRICTION(TargetType.DEVICE, "Remove app restrictions", Executor.DEVICE_SENSOR, false, null, RESPONSE_MANAGE),
    RUN_ANTIVIRUS_SCAN(TargetType.DEVICE, "Run antivirus scan", Executor.DEVICE_SENSOR, false, null, ALERTS_MANAGE),
    COLLECT_INVESTIGATION_PACKAGE(TargetType.DEVICE, "Collect investigation package", Executor.DEVICE_SENSOR, false, null, ALERTS_MANAGE),
    INITIATE_AUTOMATED_INVESTIGATION(TargetType.DEVICE, "Initiate automated investigation", Executor.PORTAL, false, null, ALERTS_MANAGE),
    CONTAIN_DEVICE(TargetType.DEVICE, "Contain device", Executor.PORTAL, false, "RELEASE_FROM_CONTAINMENT", RESPONSE_MANAGE),
    RELEASE_FROM_CONTAINMENT(TargetType.DEVICE, "Release from containment", Executor.PORTAL, false, null, RESPONSE_MANAGE),

    STOP_AND_QUARANTINE_FILE(TargetType.FILE, "Stop and quarantine file", Executor.DEVICE_SENSOR, false, "RESTORE_QUARANTINED_FILE", RESPONSE_MANAGE),
    RESTORE_QUARANTINED_FILE(TargetType.FILE, "Restore file from quarantine", Executor.DEVICE_SENSOR, false, null, RESPONSE_MANAGE),
    ADD_FILE_INDICATOR(TargetType.FILE, "Add file indicator", Executor.PORTAL, false, null, RESPONSE_MANAGE),
    COLLECT_FILE(TargetType.FILE, "Collect file", Executor.DEVICE_SENSOR, false, null, FILE_COLLECTION_MANAGE),

    DISABLE_USER(TargetType.USER, "Disable user", Executor.IDENTITY_SENSOR, false, "ENABLE_USER", RESPONSE_MANAGE),
    ENABLE_USER(TargetType.USER, "Enable user", Executor.IDENTITY_SENSOR, false, null, RESPONSE_MANAGE),
    FORCE_PASSWORD_RESET(TargetType.USER, "Force password reset", Executor.IDENTITY_SENSOR, false, null, RESPONSE_MANAGE),
    REVOKE_USER_SESSIONS(TargetType.USER, "Revoke sessions", Executor.IDENTITY_SENSOR, false, null, RESPONSE_MANAGE),
    MARK_USER_COMPROMISED(TargetType.USER, "Mark user as compromised", Executor.PORTAL, false, "CONFIRM_USER_SAFE", RESPONSE_MANAGE),
    CONFIRM_USER_SAFE(TargetType.USER, "Confirm user safe", Executor.PORTAL, false, null, RESPONSE_MANAGE),
    // Endpoint-level: device sensors refuse the account's network sign-ins (RDP, SMB, RPC, remote logons) for 5 days.
    CONTAIN_USER(TargetType.USER, "Contain user", Executor.PORTAL, false, "RELEASE_USER_CONTAINMENT", RESPONSE_MANAGE),
    RELEASE_USER_CONTAINMENT(TargetType.USER, "Release user from containment", Executor.PORTAL, false, null, RESPONSE_MANAGE),

    MOVE_EMAIL_TO_JUNK(TargetType.EMAIL, "Move to Junk", Executor.MAIL_SENSOR, true, "MOVE_EMAIL_TO_INBOX", RESPONSE_MANAGE),
    MOVE_EMAIL_TO_DELETED_ITEMS(TargetType.EMAIL, "Move to Deleted items", Executor.MAIL_SENSOR, true, "MOVE_EMAIL_TO_INBOX", RESPONSE_MANAGE),
    SOFT_DELETE_EMAIL(TargetType.EMAIL, "Soft delete", Executor.MAIL_SENSOR, true, "MOVE_EMAIL_TO_INBOX", RESPONSE_MANAGE),
    HARD_DELETE_EMAIL(TargetType.EMAIL, "Hard delete", Executor.MAIL_SENSOR, true, null, RESPONSE_MANAGE, EMAIL_CONTENT_READ),
    MOVE_EMAIL_TO_INBOX(TargetType.EMAIL, "Move to Inbox", Executor.MAIL_SENSOR, true, null, RESPONSE_MANAGE),

    BLOCK_IP(TargetType.IP, "Block IP address", Executor.PORTAL, false, null, RESPONSE_MANAGE),
    ALLOW_IP(TargetType.IP, "Allow IP address", Executor.PORTAL, false, null, RESPONSE_MANAGE),
    BLOCK_URL(TargetType.URL, "Block URL or domain", Executor.PORTAL, false, null, RESPONSE_MANAGE),
    ALLOW_URL(TargetType.URL, "Allow URL or domain", Executor.PORTAL, false, null, RESPONSE_MANAGE);

    private final TargetType target;
    private final String label;
    private final Executor executor;
    private final boolean twoStep;
    private final String undo;
    private final Set<Permission> needs;

    ActionType(TargetType target, String label, Executor executor, boolean twoStep, String undo, Permission... needs) {
        this.target = target;
        this.label = label;
        this.executor = executor;
        this.twoStep = twoStep;
        this.undo = undo;
        this.needs = Set.of(needs);
    }

    public TargetType target() {
        return target;
    }

    public String label() {
        return label;
    }

    public Executor executor() {
        return executor;
    }

    /** A manual request waits in Pending for an approval (the reference's two-step email remediation). */
    public boolean twoStep() {
        return twoStep;
    }

    /** The action that reverses this one once it completed, or null when the reference offers no undo. */
    public ActionType undo() {
        return undo == null ? null : valueOf(undo);
    }

    public Set<Permission> needs() {
        return needs;
    }

    /** Wire name, e.g. {@code isolateDevice}. */
    public String wire() {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    public static List<ActionType> forTarget(TargetType t) {
        return Arrays.stream(values()).filter(a -> a.target == t).toList();
    }

    /** Accepts {@code isolateDevice} or {@code ISOLATE_DEVICE}. */
    public static ActionType parse(String s) {
        if (s == null || s.isBlank()) {
            throw new ActionException("type", "is required");
        }
        for (ActionType a : values()) {
            if (a.name().equalsIgnoreCase(s.strip()) || a.wire().equalsIgnoreCase(s.strip())) {
                return a;
            }
        }
        throw new ActionException("type", "unknown action type '" + s + "'");
    }
}
