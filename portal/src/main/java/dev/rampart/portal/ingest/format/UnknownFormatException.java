package dev.rampart.portal.ingest.format;

import java.util.List;

/** {@code ?format=} or {@code --format} named no known format. */
public class UnknownFormatException extends RuntimeException {
    private final String format;
    private final List<String> known;

    public UnknownFormatException(String format, List<String> known) {
        super("unknown format \"" + format + "\"; known formats: " + String.join(", ", known));
        this.format = format;
        this.known = List.copyOf(known);
    }

    public String format() {
        return format;
    }

    public List<String> known() {
        return known;
    }
}
