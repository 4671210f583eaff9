package dev.rampart.portal.incidents;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses the enums of this package from their Graph value, label or constant name, naming the field on error. */
final class GraphEnums {
    private GraphEnums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        String v = value.strip().replace(" ", "").replace("_", "");
        for (E e : type.getEnumConstants()) {
            String graph = graphOf(e);
            if (v.equalsIgnoreCase(graph) || v.equalsIgnoreCase(e.name().replace("_", "")) || v.equalsIgnoreCase(label(e))) {
                return e;
            }
        }
        throw new InvalidValueException(field, "'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(GraphEnums::graphOf).collect(Collectors.joining(", ")));
    }

    private static String graphOf(Enum<?> e) {
        try {
            return (String) e.getClass().getMethod("graph").invoke(e);
        } catch (ReflectiveOperationException x) {
            return e.name();
        }
    }

    private static String label(Enum<?> e) {
        try {
            return ((String) e.getClass().getMethod("label").invoke(e)).replace(" ", "").replace(",", "");
        } catch (ReflectiveOperationException x) {
            return e.name();
        }
    }
}
