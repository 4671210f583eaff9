package dev.rampart.portal.response;

import dev.rampart.portal.hunting.GoHunt;

/** "Go hunt" from a response action: the hunting query for what the action targeted, by target type. */
public final class ActionHunt {
    private ActionHunt() {
    }

    /** {@code /hunting?q=...} for the action's target, or null when the action names nothing to hunt for. */
    public static String link(ResponseAction a) {
        String id = a.targetId();
        return switch (a.targetType()) {
            case DEVICE -> {
                String device = a.deviceId() != null ? a.deviceId() : id;
                yield blank(device) ? null : GoHunt.link(GoHunt.Entity.DEVICE, "DeviceId", device);
            }
            case FILE -> blank(id) ? null : GoHunt.link(GoHunt.Entity.FILE_HASH, "SHA1", id);
            case USER -> {
                // The UPN when either field holds one; a display name would match no account column.
                String account = a.targetName() != null && a.targetName().contains("@") ? a.targetName() : id;
                yield blank(account) ? null : GoHunt.link(GoHunt.Entity.ACCOUNT, "AccountUpn", account);
            }
            case EMAIL -> blank(id) ? null : GoHunt.link(GoHunt.Entity.EMAIL_MESSAGE, "NetworkMessageId", id);
            case IP -> blank(id) ? null : GoHunt.link(GoHunt.Entity.IP, "RemoteIP", id);
            case URL -> blank(id) ? null : GoHunt.link(GoHunt.Entity.URL, "RemoteUrl", id);
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
