package dev.rampart.portal.response;

import dev.rampart.portal.response.HuntingActions.Choice;
import dev.rampart.portal.response.HuntingActions.Planned;
import dev.rampart.portal.response.HuntingActions.Role;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the "Take actions" panel shows: the analyst's choice so far (or the suggestions), the actions they may
 * request, the planned actions once reviewed ({@code plan} null while choosing), and the last attempt's error.
 */
public record TakeActionForm(String resultId, List<Integer> rows, List<String> columns, Choice choice, Set<ActionType> allowed,
                             List<Planned> plan, Set<String> kept, String errorField, String error) {
    public String rowList() {
        return rows.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public String column(Role r) {
        return choice.column(r);
    }

    public boolean chosen(ActionType t) {
        return choice.types().contains(t);
    }

    public boolean kept(Planned p) {
        return kept == null || kept.contains(p.key());
    }

    public boolean invalid(String field) {
        return field.equals(errorField);
    }

    public static List<Role> roles() {
        return List.of(Role.values());
    }
}
