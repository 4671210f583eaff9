package dev.rampart.portal.ingest.format;

import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The source formats by name. {@value #NATIVE} is not listed here: it is the ingest package's own path (NDJSON in
 * the hunting schema) and callers route it there.
 */
@org.springframework.stereotype.Component
public final class EventFormats {
    public static final String NATIVE = "native";
    /** Path segment for formats whose mapper chooses the table per event. */
    public static final String AUTO_TABLE = "auto";

    private final Map<String, EventFormat> byName = new LinkedHashMap<>();

    /** The formats over the hunting schema (the event store's schema). */
    @org.springframework.beans.factory.annotation.Autowired
    public EventFormats() {
        this(HuntingSchema.get());
    }

    public EventFormats(Schema schema) {
        for (EventFormat f : List.of(new WindowsEventFormat(schema, "windows"), new WindowsEventFormat(schema, "sysmon"),
                new DefenderExportFormat(schema))) {
            byName.put(f.name(), f);
        }
    }

    public static boolean isNative(String name) {
        return name == null || name.isBlank() || name.equalsIgnoreCase(NATIVE);
    }

    public Optional<EventFormat> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @throws UnknownFormatException listing the known names */
    public EventFormat require(String name) {
        return find(name).orElseThrow(() -> new UnknownFormatException(name, names()));
    }

    /** All names accepted by {@code ?format=}, native first. */
    public List<String> names() {
        List<String> out = new java.util.ArrayList<>();
        out.add(NATIVE);
        out.addAll(byName.keySet());
        return out;
    }

    public List<EventFormat> formats() {
        return List.copyOf(byName.values());
    }
}
