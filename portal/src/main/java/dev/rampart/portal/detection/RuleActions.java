package dev.rampart.portal.detection;

import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.HuntingActions;
import dev.rampart.portal.response.HuntingActions.Choice;
import dev.rampart.portal.response.HuntingActions.PlanException;
import dev.rampart.portal.response.HuntingActions.Planned;
import dev.rampart.portal.response.ResponseActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A custom detection rule's automated actions: for every alert a run raised, each of the rule's actions on each
 * distinct target its rows name (the same columns and targets as advanced hunting's "Take actions"), requested as
 * automated actions that run without approval and are linked to the alert and its incident.
 */
final class RuleActions {
    /** Per run; a rule that matches a whole fleet should not isolate it by itself. */
    static final int MAX_ACTIONS_PER_RUN = 100;

    private RuleActions() {
    }

    /** Requests the actions; returns a sentence for the run's message (null when the rule has none). Never throws. */
    static String take(ResponseActions responses, DetectionRule rule, List<String> columns, List<Alert> alerts,
                       List<RuleEvaluator.Candidate> candidates) {
        if (rule.response().actions().isEmpty() || alerts.isEmpty()) {
            return null;
        }
        var suggested = HuntingActions.suggestedFor(columns);
        int requested = 0;
        int notTaken = 0;
        int overLimit = 0;
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            if (a.status() == AlertStatus.RESOLVED) {
                continue; // resolved on arrival by a tuning rule: nothing to respond to
            }
            List<Object[]> rows = candidates.get(i).rows();
            String comment = "Custom detection rule “" + rule.name() + "” raised alert " + a.id() + ".";
            for (RuleResponse.Action action : rule.response().actions()) {
                String option = action.option();
                Choice c = new Choice(Set.of(action.type()), suggested, option, option, rule.name(), comment);
                List<Planned> plan;
                try {
                    plan = HuntingActions.plan(columns, rows, IntStream.range(0, rows.size()).boxed().toList(), c);
                } catch (PlanException e) {
                    notTaken++;
                    reasons.add(action.type().label() + " for " + a.id() + ": " + e.getMessage());
                    continue;
                }
                for (Planned p : plan) {
                    if (requested >= MAX_ACTIONS_PER_RUN) {
                        overLimit++;
                        continue;
                    }
                    try {
                        SystemIdentity.run(ResponseActions.RULE_ACTOR_PREFIX + rule.name(), () -> responses.proposeForRule(
                                new ActionRequest(p.type(), p.target(), p.deviceId(), p.parameters(), comment, a.incidentId(), a.id()), rule.name()));
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
}
