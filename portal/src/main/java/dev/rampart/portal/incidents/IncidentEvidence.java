package dev.rampart.portal.incidents;

import dev.rampart.portal.entities.EntityLinks;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.TargetType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The evidence of an incident: every entity of its alerts once (same type and normalised key), with the worst
 * verdict any alert gave it, the alerts that name it, and its remediation status derived from the response
 * actions linked to the incident that target it.
 */
public final class IncidentEvidence {
    /** Action types that contain or remove a threat; scans, collections and undos do not make an entity "remediated". */
    static final Set<ActionType> REMEDIATING = EnumSet.of(ActionType.ISOLATE_DEVICE, ActionType.RESTRICT_APP_EXECUTION,
            ActionType.CONTAIN_DEVICE, ActionType.STOP_AND_QUARANTINE_FILE, ActionType.ADD_FILE_INDICATOR, ActionType.DISABLE_USER,
            ActionType.FORCE_PASSWORD_RESET, ActionType.MARK_USER_COMPROMISED, ActionType.REVOKE_USER_SESSIONS, ActionType.CONTAIN_USER, ActionType.MOVE_EMAIL_TO_JUNK,
            ActionType.MOVE_EMAIL_TO_DELETED_ITEMS, ActionType.SOFT_DELETE_EMAIL,
            ActionType.HARD_DELETE_EMAIL, ActionType.BLOCK_IP, ActionType.BLOCK_URL);

    private IncidentEvidence() {
    }

    /**
     * One de-duplicated entity. {@code actions} are the linked actions that target it (newest first);
     * {@code remediation} is a short status such as "Remediated", "Pending approval" or "Not remediated".
     */
    public record Item(EntityType type, String key, String display, EvidenceVerdict verdict, List<String> alertIds, boolean strong,
                       List<String> roles, String remediation, List<ResponseAction> actions) {
        public int alertCount() {
            return alertIds.size();
        }

        /** The entity page, when the portal has one for this kind of entity; null otherwise. */
        public String entityPage() {
            return switch (type) {
                case DEVICE -> EntityLinks.device(display);
                case USER, MAILBOX -> EntityLinks.user(display);
                case FILE -> EntityLinks.forColumn("SHA256", key).orElse(null);
                case IP -> EntityLinks.forColumn("RemoteIP", display).orElse(null);
                case URL -> EntityLinks.forColumn("Url", display).orElse(null);
                case PROCESS -> null;
            };
        }

        /** Hashes, addresses, URLs and command lines are shown in monospace. */
        public boolean mono() {
            return type != EntityType.DEVICE && type != EntityType.USER && type != EntityType.MAILBOX;
        }

        /** The existing hunting entry point, searching every table for the entity's value. */
        public String huntQuery() {
            return "search \"" + display.replace("\"", "").replace("\\", "\\\\") + "\" | take 100";
        }
    }

    /** De-duplicates the alerts' evidence; worst verdict first, then the entities most alerts share. */
    public static List<Item> collect(List<Alert> alerts, List<ResponseAction> actions) {
        Map<String, Evidence> first = new LinkedHashMap<>();
        Map<String, EvidenceVerdict> verdicts = new LinkedHashMap<>();
        Map<String, Set<String>> alertIds = new LinkedHashMap<>();
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        Map<String, Boolean> strong = new LinkedHashMap<>();
        for (Alert a : alerts) {
            for (Evidence e : a.evidence()) {
                String k = e.type().key() + ":" + e.key();
                first.putIfAbsent(k, e);
                EvidenceVerdict v = EvidenceVerdict.of(e.verdict());
                verdicts.merge(k, v, (x, y) -> x.compareTo(y) <= 0 ? x : y);
                alertIds.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(a.id());
                roles.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(e.roles());
                strong.merge(k, e.strong(), Boolean::logicalOr);
            }
        }
        List<Item> out = new ArrayList<>();
        for (Map.Entry<String, Evidence> en : first.entrySet()) {
            Evidence e = en.getValue();
            String k = en.getKey();
            List<ResponseAction> targeting = actions.stream().filter(a -> targets(a, e)).toList();
            EvidenceVerdict v = verdicts.get(k);
            out.add(new Item(e.type(), e.key(), e.display(), v, List.copyOf(alertIds.get(k)), strong.get(k), List.copyOf(roles.get(k)),
                    remediation(v, targeting), targeting));
        }
        out.sort(Comparator.comparing(Item::verdict).thenComparing(Comparator.comparingInt(Item::alertCount).reversed())
                .thenComparing(Item::type).thenComparing(Item::display, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** Status of the newest remediating action on the entity, else whether it needs one. */
    static String remediation(EvidenceVerdict verdict, List<ResponseAction> targeting) {
        ResponseAction last = targeting.stream().filter(a -> REMEDIATING.contains(a.type())).max(Comparator.comparingLong(ResponseAction::id))
                .orElse(null);
        if (last == null) {
            return verdict == EvidenceVerdict.MALICIOUS || verdict == EvidenceVerdict.SUSPICIOUS ? "Not remediated" : "None";
        }
        return switch (last.status()) {
            case COMPLETED -> last.undoneBy() == null ? "Remediated" : "Remediation undone";
            case PENDING_APPROVAL -> "Pending approval";
            case PENDING, IN_PROGRESS -> "Remediation in progress";
            case FAILED -> "Remediation failed";
            case REJECTED, TIMED_OUT -> "Remediation declined";
            case CANCELLED -> "Remediation cancelled";
        };
    }

    /** Whether the action acts on this entity (same device, file, account, mailbox, address or URL). */
    static boolean targets(ResponseAction a, Evidence e) {
        String id = lower(a.targetId());
        String name = lower(a.targetName());
        return switch (e.type()) {
            case DEVICE -> a.targetType() == TargetType.DEVICE && (e.key().equals(id) || e.key().equals(shortHost(name)) || e.key().equals(shortHost(id)));
            case FILE -> a.targetType() == TargetType.FILE && (e.key().equals(id) || e.key().equals(name));
            case USER -> a.targetType() == TargetType.USER && (e.key().equals(id) || e.key().equals(bare(id)));
            case MAILBOX -> (a.targetType() == TargetType.EMAIL && e.key().equals(lower(a.parameter("recipient"))))
                    || (a.targetType() == TargetType.USER && e.key().equals(id));
            case IP -> a.targetType() == TargetType.IP && e.key().equals(id);
            // A domain block covers every URL on that host.
            case URL -> a.targetType() == TargetType.URL && (e.key().equals(id) || urlHost(e.key()).equals(urlHost(id)) && !id.contains("/"));
            case PROCESS -> false;
        };
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String shortHost(String h) {
        int dot = h.indexOf('.');
        return dot < 0 || h.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? h : h.substring(0, dot);
    }

    private static String urlHost(String url) {
        String u = url.contains("://") ? url.substring(url.indexOf("://") + 3) : url;
        int end = u.length();
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int at = u.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return u.substring(0, end);
    }

    private static String bare(String account) {
        int slash = account.indexOf('\\');
        return slash >= 0 ? account.substring(slash + 1) : account;
    }
}
