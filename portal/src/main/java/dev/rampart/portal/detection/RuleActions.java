package dev.rampart.portal.detection;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.HuntingActions;
import dev.rampart.portal.response.HuntingActions.Choice;
import dev.rampart.portal.response.HuntingActions.PlanException;
import dev.rampart.portal.response.HuntingActions.Planned;
import dev.rampart.portal.response.HuntingActions.Role;
import dev.rampart.portal.response.ResponseActions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A custom detection rule's automated actions: for every alert a run raised, each of the rule's actions on each
 * distinct target the alert's new rows name (the rule's entity mapping first, then the well-known columns, as
 * advanced hunting's "Take actions" reads them), requested as automated actions that run without approval and are
 * linked to the alert and its incident. Device targets must lie in the rule's device groups and where the rule's last
 * editor holds the action's permissions: a query can name any device, the rule acts only where its editor could.
 */
final class RuleActions {
    /** Per run; a rule that matches a whole fleet should not isolate it by itself. */
    static final int MAX_ACTIONS_PER_RUN = 100;
    /** The audit log's actor column holds 100 characters; the rule's full name is in each action's comment. */
    private static final int MAX_NAME_IN_ACTOR = 80;

    private RuleActions() {
    }

    /** An alert the run raised and the rows of its new events. */
    record Raised(Alert alert, List<Object[]> rows) {
    }

    /** Requests the actions; returns a sentence for the run's message (null when the rule has none). */
    static String take(ResponseActions responses, DataScopes scopes, DetectionRule rule, List<String> columns, List<Raised> raised) {
        if (rule.response().actions().isEmpty() || raised.isEmpty()) {
            return null;
        }
        Map<Role, String> cols = columns(rule, columns);
        String requester = ResponseActions.RULE_ACTOR_PREFIX + (rule.name().length() > MAX_NAME_IN_ACTOR
                ? rule.name().substring(0, MAX_NAME_IN_ACTOR - 1) + "…" : rule.name());
        DeviceFilter inScope = rule.response().deviceGroups().isEmpty() ? DeviceFilter.ALL : scopes.devicesOfGroups(rule.response().deviceGroups());
        Map<ActionType, DeviceFilter> devices = new EnumMap<>(ActionType.class);
        int requested = 0;
        int notTaken = 0;
        int overLimit = 0;
        List<String> reasons = new ArrayList<>();
        for (Raised r : raised) {
            Alert a = r.alert();
            if (a.status() == AlertStatus.RESOLVED) {
                continue; // resolved on arrival by a tuning rule: nothing to respond to
            }
            String comment = "Custom detection rule “" + rule.name() + "” (#" + rule.id() + ", last changed by " + rule.updatedBy()
                    + ") raised alert " + a.id() + ".";
            for (RuleResponse.Action action : rule.response().actions()) {
                Choice c = new Choice(Set.of(action.type()), cols, action.option(), action.option(), rule.name(), comment);
                List<Planned> plan;
                try {
                    plan = HuntingActions.plan(columns, r.rows(), IntStream.range(0, r.rows().size()).boxed().toList(), c);
                } catch (PlanException e) {
                    notTaken++;
                    reasons.add(action.type().label() + " for " + a.id() + ": " + e.getMessage());
                    continue;
                }
                DeviceFilter where = devices.computeIfAbsent(action.type(), t -> inScope.and(
                        scopes.devicesFor(rule.updatedBy(), t.needs().toArray(new Permission[0]))));
                for (Planned p : plan) {
                    if (requested >= MAX_ACTIONS_PER_RUN) {
                        overLimit++;
                        continue;
                    }
                    Map<String, String> params = new LinkedHashMap<>(p.parameters());
                    if (action.type() == ActionType.ADD_FILE_INDICATOR && !rule.response().deviceGroups().isEmpty()) {
                        params.put("deviceGroups", String.join(",", rule.response().deviceGroups().stream().map(String::valueOf).toList()));
                    }
                    try {
                        SystemIdentity.run(requester, () -> responses.proposeForRule(
                                new ActionRequest(p.type(), p.target(), p.deviceId(), params, comment, a.incidentId(), a.id()), requester, where));
                        requested++;
                    } catch (ActionException e) {
                        notTaken++;
                        reasons.add(p.type().label() + " on " + p.label() + ": " + e.getMessage());
                    }
                }
            }
        }
        StringBuilder b = new StringBuilder("Automated actions: ").append(requested).append(" requested");
        if (overLimit > 0) {
            b.append(", ").append(overLimit).append(" over the limit of ").append(MAX_ACTIONS_PER_RUN).append(" per run");
        }
        if (notTaken > 0) {
            b.append(", ").append(notTaken).append(" not taken (").append(reasons.get(0)).append(reasons.size() > 1 ? "; …" : "").append(")");
        }
        return b.append('.').toString();
    }

    /** The rule's own entity mapping where it names a device, user or file column the result has; else the well-known columns. */
    static Map<Role, String> columns(DetectionRule rule, List<String> columns) {
        Map<Role, String> out = new HashMap<>(HuntingActions.suggestedFor(columns));
        Map<EntityType, Role> roles = Map.of(EntityType.DEVICE, Role.DEVICE, EntityType.USER, Role.USER, EntityType.FILE, Role.FILE);
        roles.forEach((type, role) -> rule.entities().columns().getOrDefault(type, List.of()).stream().filter(columns::contains).findFirst()
                .ifPresent(col -> out.put(role, col)));
        return out;
    }
}
