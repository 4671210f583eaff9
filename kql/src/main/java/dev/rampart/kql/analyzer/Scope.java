package dev.rampart.kql.analyzer;

import dev.rampart.kql.plan.Field;

import java.util.List;
import java.util.Optional;

/** The columns visible to an expression; {@code aggregates} is true inside summarize. */
record Scope(List<Field> fields, boolean aggregates, String openBag) {
    static final Scope EMPTY = new Scope(List.of(), false);

    Scope(List<Field> fields, boolean aggregates) {
        this(fields, aggregates, null);
    }

    Optional<Field> find(String name) {
        Optional<Field> exact = exact(name);
        if (exact.isPresent()) {
            return exact;
        }
        // Log Analytics queries say TimeGenerated where Defender says Timestamp; a table has both there, and
        // either name reads the one column. After arg_max(TimeGenerated, *) only the name as written is left,
        // so Timestamp falls back to it.
        for (String[] pair : new String[][] {{"TimeGenerated", "Timestamp"}, {"Timestamp", "TimeGenerated"}}) {
            if (name.startsWith(pair[0])) {
                String suffix = name.substring(pair[0].length());
                if (suffix.isEmpty() || suffix.chars().allMatch(Character::isDigit)) {
                    return exact(pair[1] + suffix);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Field> exact(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The one column whose name differs only in letter case, if there is exactly one. */
    Optional<Field> findIgnoringCase(String name) {
        Field hit = null;
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                if (hit != null) {
                    return Optional.empty();
                }
                hit = f;
            }
        }
        return Optional.ofNullable(hit);
    }

    List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    Scope withAggregates() {
        return new Scope(fields, true, openBag);
    }
}
