package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An alert tuning rule: when every condition holds for a new alert, the action applies ({@code hide}: the alert is
 * stored resolved and hidden from the queues without joining an incident; {@code resolve}: the alert is correlated as
 * usual but stored resolved).
 */
public record TuningRule(long id, String name, Action action, boolean enabled, String comment, List<Condition> conditions, String createdBy,
                         Instant createdAt, String updatedBy, Instant updatedAt, long hits) {

    public enum Action {
        HIDE, RESOLVE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action parse(String s) {
            for (Action a : values()) {
                if (a.key().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return a;
                }
            }
            throw new InvalidValueException("action", "'" + s + "' is not one of hide, resolve");
        }
    }

    /**
     * One condition. {@code field}: title, detector (rule key), severity, category, or an evidence type (device, user,
     * mailbox, file, process, ip, url) which holds when any evidence of that type matches. {@code operator}: equals or
     * contains, both case-insensitive.
     */
    public record Condition(String field, String operator, String operand) {
        public static final List<String> FIELDS = List.of("title", "detector", "severity", "category", "device", "user", "mailbox", "file",
                "process", "ip", "url");
        public static final List<String> OPERATORS = List.of("equals", "contains");

        public Condition {
            field = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
            operator = operator == null ? "" : operator.strip().toLowerCase(Locale.ROOT);
            operand = operand == null ? "" : operand.strip();
        }

        boolean test(String value) {
            if (value == null) {
                return false;
            }
            String v = value.toLowerCase(Locale.ROOT);
            String o = operand.toLowerCase(Locale.ROOT);
            return operator.equals("contains") ? v.contains(o) : v.equals(o);
        }

        boolean matches(NewAlert a) {
            return switch (field) {
                case "title" -> test(a.title());
                case "detector" -> test(a.detectorId());
                case "severity" -> test(a.severity().graph());
                case "category" -> test(a.category().graph()) || test(a.category().label());
                default -> a.evidence().stream().filter(e -> e.type().key().equals(field)).anyMatch(e -> test(e.key()) || test(e.display()));
            };
        }

        public String describe() {
            return field + " " + operator + " \"" + operand + "\"";
        }
    }

    /** True when every condition holds (a rule without conditions never matches). */
    public boolean matches(NewAlert a) {
        return !conditions.isEmpty() && conditions.stream().allMatch(c -> c.matches(a));
    }
}
