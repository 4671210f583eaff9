package dev.rampart.portal.response;

import dev.rampart.portal.hunting.HuntingResult;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Advanced hunting's "Take actions": response actions on the devices, files, users and emails named by selected
 * result rows. {@link #plan} turns a selection and the analyst's choices into the list of actions (one per distinct
 * target); {@link #submit} requests the ones kept under one approval id, all or none, with the source
 * {@value ResponseAction#ADVANCED_HUNTING}. Permissions and device-group scope are those of {@link ResponseActions#requestBatch}.
 */
@Service
public class HuntingActions {
    public static final int MAX_ACTIONS = 500;
    public static final int MAX_ROWS = 10_000;

    /** The actions offered per target, in the order the form shows them. */
    public static final Map<TargetType, List<ActionType>> OFFERED = offered();

    /** The result columns the targets are read from. */
    public enum Role {
        DEVICE("Device column", TargetType.DEVICE, "DeviceId", "DeviceName"),
        FILE("File hash column", TargetType.FILE, "SHA1", "SHA256", "InitiatingProcessSHA1", "InitiatingProcessSHA256"),
        USER("User column", TargetType.USER, "AccountUpn", "AccountObjectId", "AccountSid", "InitiatingProcessAccountUpn",
                "InitiatingProcessAccountObjectId", "InitiatingProcessAccountSid"),
        MESSAGE("Network message id column", TargetType.EMAIL, "NetworkMessageId"),
        RECIPIENT("Recipient column", TargetType.EMAIL, "RecipientEmailAddress");

        private final String label;
        private final TargetType target;
        private final List<String> wellKnown;

        Role(String label, TargetType target, String... wellKnown) {
            this.label = label;
            this.target = target;
            this.wellKnown = List.of(wellKnown);
        }

        public String label() {
            return label;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public TargetType target() {
            return target;
        }

        /** The well-known hunting columns that name this role's values, in order of preference. */
        public List<String> columns() {
            return wellKnown;
        }
    }

    /** The roles whose columns an action of {@code t} reads (a quarantine needs the device as well as the file). */
    public static List<Role> rolesOf(ActionType t) {
        return roles(t);
    }

    /**
     * What the analyst chose: action types, the column per role, the scan type ({@code quick}/{@code full}) and the
     * file indicator's action, a remediation name and a description (the requests' comment).
     */
    public record Choice(Set<ActionType> types, Map<Role, String> columns, String scanType, String indicatorAction, String name,
                         String description) {
        public Choice {
            types = Set.copyOf(types);
            Map<Role, String> ordered = new EnumMap<>(Role.class);
            ordered.putAll(columns);
            columns = java.util.Collections.unmodifiableMap(ordered);
        }

        public String column(Role r) {
            return columns.getOrDefault(r, "");
        }
    }

    /** One action the selection yields; {@code rows} is how many selected rows name its target. */
    public record Planned(ActionType type, String target, String deviceId, String label, Map<String, String> parameters, int rows) {
        /** Identifies the action across the review and the submission; names and ids compare without case ("HOST-A" = "host-a"). */
        public String key() {
            // A message goes to each recipient's mailbox: one action per recipient.
            String recipient = parameters.getOrDefault("recipient", "");
            return (type.name() + "|" + target + "|" + (deviceId == null ? "" : deviceId) + (recipient.isEmpty() ? "" : "|" + recipient))
                    .toLowerCase(Locale.ROOT);
        }
    }

    /** Thrown for a choice that cannot become actions; {@code field} names the form field. */
    public static final class PlanException extends RuntimeException {
        private final String field;

        PlanException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final ResponseActions actions;

    HuntingActions(ResponseActions actions) {
        this.actions = actions;
    }

    /** The column per role a result suggests: the first well-known hunting column it has. */
    public static Map<Role, String> suggested(List<OutputColumn> columns) {
        return suggestedFor(columns.stream().map(OutputColumn::name).toList());
    }

    /** As {@link #suggested}, from column names. */
    public static Map<Role, String> suggestedFor(List<String> columnNames) {
        Set<String> names = new LinkedHashSet<>(columnNames);
        Map<Role, String> out = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            r.wellKnown.stream().filter(names::contains).findFirst().ifPresent(c -> out.put(r, c));
        }
        return out;
    }

    /** Whether the signed-in user may request {@code type} at all (permissions and an installed executor). */
    public boolean mayRequest(ActionType type) {
        return actions.available(type) && type.needs().stream().allMatch(p -> dev.rampart.portal.access.AccessPolicy.can(
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication(), p));
    }

    /**
     * The actions the selected rows yield for the choice, one per distinct target (device, file on a device, user,
     * message for a recipient), in row order.
     *
     * @throws PlanException naming the field: no rows or actions, a missing or unknown column, a malformed value,
     *                       no target in the selection, or more than {@value #MAX_ACTIONS} actions
     */
    public List<Planned> plan(HuntingResult result, List<Integer> rowIds, Choice c) {
        return plan(result.columns().stream().map(OutputColumn::name).toList(), result.rows(), rowIds, c);
    }

    /** As {@link #plan(HuntingResult, List, Choice)} over rows of the named columns. */
    public static List<Planned> plan(List<String> names, List<Object[]> resultRows, List<Integer> rowIds, Choice c) {
        if (rowIds.isEmpty()) {
            throw new PlanException("rows", "select at least one row");
        }
        if (rowIds.size() > MAX_ROWS) {
            throw new PlanException("rows", rowIds.size() + " rows selected; one request takes at most " + MAX_ROWS);
        }
        for (int id : rowIds) {
            if (id < 0 || id >= resultRows.size()) {
                throw new PlanException("rows", "row " + (id + 1) + " is not in this result");
            }
        }
        if (c.types().isEmpty()) {
            throw new PlanException("types", "choose at least one action");
        }
        c.columns().forEach((role, col) -> {
            if (!names.contains(col)) {
                throw new PlanException("col_" + role.key(), "column '" + col + "' is not in this result");
            }
        });
        Map<String, Planned> out = new LinkedHashMap<>();
        for (ActionType t : OFFERED.values().stream().flatMap(List::stream).filter(c.types()::contains).toList()) {
            List<Role> needed = roles(t);
            for (Role r : needed) {
                if (c.column(r).isEmpty()) {
                    throw new PlanException("col_" + r.key(), t.label() + " needs the " + r.label().toLowerCase(Locale.ROOT)
                            + (t == ActionType.STOP_AND_QUARANTINE_FILE && r == Role.DEVICE ? " (the file is stopped on the devices the rows name)" : ""));
                }
            }
            int subjectCol = names.indexOf("Subject");
            int found = 0;
            for (int id : rowIds) {
                Object[] row = resultRows.get(id);
                List<String> values = new ArrayList<>();
                for (Role r : needed) {
                    Object v = row[names.indexOf(c.column(r))];
                    values.add(v == null ? "" : v.toString().strip());
                }
                if (values.stream().anyMatch(String::isEmpty)) {
                    continue;
                }
                found++;
                Planned p = planned(t, values, c, subjectCol < 0 ? null : row[subjectCol], id);
                Planned prev = out.get(p.key());
                out.put(p.key(), prev == null ? p : new Planned(p.type(), p.target(), p.deviceId(), p.label(), p.parameters(), prev.rows() + 1));
            }
            if (found == 0) {
                throw new PlanException("col_" + needed.get(0).key(), "no row has a value in " + String.join(" and ",
                        needed.stream().map(c::column).toList()) + " for " + t.label());
            }
        }
        if (out.size() > MAX_ACTIONS) {
            throw new PlanException("rows", "the selection yields " + out.size() + " actions; one request makes at most " + MAX_ACTIONS
                    + ". Select fewer rows or actions.");
        }
        return List.copyOf(out.values());
    }

    /**
     * Requests the planned actions whose {@link Planned#key} is in {@code keep} (all when null) under one approval id.
     *
     * @throws PlanException when nothing is kept or the remediation name is missing
     * @throws ActionException for the first action refused (then none is requested)
     */
    public ResponseActions.Batch submit(HuntingResult result, List<Integer> rowIds, Choice c, Set<String> keep) {
        if (c.name() == null || c.name().isBlank()) {
            throw new PlanException("name", "a remediation name is required");
        }
        if (c.name().strip().length() > 200) {
            throw new PlanException("name", "at most 200 characters");
        }
        if (c.description() == null || c.description().isBlank()) {
            throw new PlanException("description", "a description is required; it is the comment every action carries");
        }
        List<ActionRequest> requests = plan(result, rowIds, c).stream().filter(p -> keep == null || keep.contains(p.key()))
                .map(p -> new ActionRequest(p.type(), p.target(), p.deviceId(), p.parameters(), c.description().strip(), null, null)).toList();
        if (requests.isEmpty()) {
            throw new PlanException("keep", "every action was unticked; keep at least one");
        }
        return actions.requestBatch(requests, c.name(), ResponseAction.ADVANCED_HUNTING);
    }

    private static List<Role> roles(ActionType t) {
        return switch (t.target()) {
            case DEVICE -> List.of(Role.DEVICE);
            case FILE -> t == ActionType.STOP_AND_QUARANTINE_FILE ? List.of(Role.FILE, Role.DEVICE) : List.of(Role.FILE);
            case USER -> List.of(Role.USER);
            case EMAIL -> List.of(Role.MESSAGE, Role.RECIPIENT);
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    private static Planned planned(ActionType t, List<String> v, Choice c, Object subject, int rowId) {
        Map<String, String> params = new LinkedHashMap<>();
        return switch (t.target()) {
            case DEVICE -> {
                if (t == ActionType.RUN_ANTIVIRUS_SCAN) {
                    params.put("scanType", "full".equals(c.scanType()) ? "full" : "quick");
                }
                yield new Planned(t, v.get(0), null, v.get(0), params, 1);
            }
            case FILE -> {
                String hash = v.get(0).toLowerCase(Locale.ROOT);
                if (!TargetRules.SHA1.matcher(hash).matches() && !TargetRules.SHA256.matcher(hash).matches()) {
                    throw new PlanException("col_file", "row " + (rowId + 1) + ": '" + v.get(0) + "' in " + c.column(Role.FILE)
                            + " is not a SHA1 (40 hex digits) or SHA256 (64 hex digits)");
                }
                if (t == ActionType.ADD_FILE_INDICATOR) {
                    params.put("indicatorAction", "Allowed".equals(c.indicatorAction()) ? "Allowed" : "BlockAndRemediate");
                    yield new Planned(t, hash, null, hash, params, 1);
                }
                yield new Planned(t, hash, v.get(1), hash + " on " + v.get(1), params, 1);
            }
            case USER -> new Planned(t, v.get(0), null, v.get(0), params, 1);
            case EMAIL -> {
                if (!TargetRules.EMAIL.matcher(v.get(1)).matches()) {
                    throw new PlanException("col_recipient", "row " + (rowId + 1) + ": '" + v.get(1) + "' in " + c.column(Role.RECIPIENT)
                            + " is not an email address");
                }
                params.put("recipient", v.get(1).toLowerCase(Locale.ROOT));
                if (subject != null && !subject.toString().isBlank()) {
                    params.put("subject", subject.toString().length() > 300 ? subject.toString().substring(0, 300) : subject.toString());
                }
                yield new Planned(t, v.get(0), null, v.get(0) + " to " + v.get(1).toLowerCase(Locale.ROOT), params, 1);
            }
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    private static Map<TargetType, List<ActionType>> offered() {
        Map<TargetType, List<ActionType>> m = new EnumMap<>(TargetType.class);
        m.put(TargetType.DEVICE, List.of(ActionType.ISOLATE_DEVICE, ActionType.COLLECT_INVESTIGATION_PACKAGE, ActionType.RUN_ANTIVIRUS_SCAN,
                ActionType.INITIATE_AUTOMATED_INVESTIGATION, ActionType.RESTRICT_APP_EXECUTION));
        m.put(TargetType.FILE, List.of(ActionType.STOP_AND_QUARANTINE_FILE, ActionType.ADD_FILE_INDICATOR));
        m.put(TargetType.USER, List.of(ActionType.DISABLE_USER, ActionType.FORCE_PASSWORD_RESET, ActionType.REVOKE_USER_SESSIONS,
                ActionType.MARK_USER_COMPROMISED, ActionType.CONTAIN_USER));
        m.put(TargetType.EMAIL, List.of(ActionType.MOVE_EMAIL_TO_JUNK, ActionType.MOVE_EMAIL_TO_INBOX, ActionType.MOVE_EMAIL_TO_DELETED_ITEMS,
                ActionType.SOFT_DELETE_EMAIL,
                ActionType.HARD_DELETE_EMAIL));
        return java.util.Collections.unmodifiableMap(m);
    }
}
