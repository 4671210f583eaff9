package dev.rampart.portal.response.liveresponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What the console pages show: each command with its result as text, a table, or JSON when it asked for -output json. */
public final class LiveResponseView {
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private LiveResponseView() {
    }

    public record Entry(LiveCommandRun run, List<String> columns, List<List<String>> rows, String json, boolean canCancel) {
        public boolean table() {
            return !columns.isEmpty() && json == null;
        }
    }

    /** Commands the console shows at most; the rest are one click away (the whole command log). */
    public static final int SHOWN = 30;

    public record Console(LiveSession session, List<Entry> entries, int hidden, boolean canUse, boolean canEnd, boolean pending, String error, String csrf) {
    }

    public record SessionRow(LiveSession session, long commands) {
    }

    static Entry entry(LiveCommandRun c, boolean canCancel) {
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        String json = null;
        if (c.data() != null) {
            JsonNode d = LiveResponse.JSON.readTree(c.data());
            d.path("columns").forEach(n -> columns.add(n.asString()));
            for (JsonNode r : d.path("rows")) {
                List<String> row = new ArrayList<>();
                r.forEach(n -> row.add(n.isNull() ? "" : n.isValueNode() ? n.asString() : n.toString()));
                rows.add(row);
            }
            if (c.json()) {
                List<Map<String, JsonNode>> objects = new ArrayList<>();
                for (JsonNode r : d.path("rows")) {
                    Map<String, JsonNode> o = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        o.put(columns.get(i), r.get(i));
                    }
                    objects.add(o);
                }
                json = PRETTY.writeValueAsString(objects);
            }
        }
        return new Entry(c, columns, rows, json, canCancel && !c.status().finished());
    }

    /** {@code 1.2 s}, {@code 340 ms}; empty while running. */
    public static String duration(LiveCommandRun c) {
        if (c.duration() == null) {
            return "";
        }
        long ms = c.duration().toMillis();
        return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }

    public static String pill(LiveCommandRun.Status s) {
        return switch (s) {
            case COMPLETED -> "pill pill-ok";
            case FAILED, TIMED_OUT -> "pill pill-bad";
            case CANCELLED -> "pill pill-off";
            default -> "pill warn";
        };
    }
}
