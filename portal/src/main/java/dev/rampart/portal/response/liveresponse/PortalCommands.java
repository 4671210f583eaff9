package dev.rampart.portal.response.liveresponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The commands the portal answers itself (help, cls, jobs, status, fg, library), without a round trip to the sensor. */
final class PortalCommands {
    record Answer(String output, String data, String error) {
    }

    private final LiveResponseStore store;
    private final LiveLibrary library;
    private final LiveResponse live;

    PortalCommands(LiveResponseStore store, LiveLibrary library, LiveResponse live) {
        this.store = store;
        this.library = library;
        this.live = live;
    }

    Answer answer(LiveSession s, CommandLine cl) {
        return switch (cl.command()) {
            case HELP -> help(s, cl.args());
            case CLS -> new Answer(null, null, null);
            case JOBS -> {
                List<List<Object>> rows = new ArrayList<>();
                for (LiveCommandRun c : store.commands(s.id())) {
                    if (!c.status().finished()) {
                        rows.add(List.of(c.id(), c.commandLine(), c.status().label(), c.createdAt().toString()));
                    }
                }
                yield rows.isEmpty() ? new Answer("No command is waiting or running.", null, null)
                        : new Answer(null, table(List.of("Id", "Command", "Status", "Requested (UTC)"), rows), null);
            }
            case STATUS, FG -> status(s, cl.args().get(0), cl.command() == LiveCommand.FG);
            case LIBRARY -> {
                List<List<Object>> rows = new ArrayList<>();
                for (LiveLibrary.Entry e : library.all()) {
                    rows.add(List.of(e.name(), e.description() == null ? "" : e.description(), e.parameters() == null ? "" : e.parameters(), e.sizeBytes(),
                            e.uploadedBy(), e.uploadedAt().toString()));
                }
                yield rows.isEmpty() ? new Answer("The library is empty.", null, null)
                        : new Answer(null, table(List.of("Name", "Description", "Parameters", "Bytes", "Uploaded by", "Uploaded (UTC)"), rows), null);
            }
            default -> throw new IllegalArgumentException(cl.command() + " is run by the sensor");
        };
    }

    private Answer help(LiveSession s, List<String> args) {
        if (!args.isEmpty()) {
            LiveCommand c = LiveCommand.find(args.get(0)).orElseThrow();
            String refusal = live.commandRefusal(s, c).map(r -> "\nNot available to you here: " + r + ".").orElse("");
            return new Answer("Usage: " + c.usage() + "\n" + c.description() + "\nTime limit: " + c.timeLimit().toMinutes() + " minutes"
                    + (c.advanced() ? "\nAdvanced command." : "") + "\nOptions: -output json|table" + c.options().keySet().stream().sorted()
                    .map(o -> ", -" + o).reduce("", String::concat) + "; end with & to run in the background." + refusal, null, null);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (LiveCommand c : LiveCommand.values()) {
            rows.add(List.of(c.wire(), c.usage(), c.description(), c.advanced() ? "Advanced" : "Basic",
                    live.commandRefusal(s, c).isPresent() ? "No" : "Yes"));
        }
        return new Answer(null, table(List.of("Command", "Usage", "Description", "Level", "Available to you"), rows), null);
    }

    private Answer status(LiveSession s, String idText, boolean fg) {
        long id;
        try {
            id = Long.parseLong(idText.strip());
        } catch (NumberFormatException e) {
            return new Answer(null, null, "'" + idText + "' is not a command id; type jobs for the running ones");
        }
        LiveCommandRun c = store.command(id).filter(x -> x.sessionId() == s.id()).orElse(null);
        if (c == null) {
            return new Answer(null, null, "this session has no command " + id);
        }
        String head = "Command " + c.id() + " (" + c.commandLine() + "): " + c.status().label()
                + (c.duration() == null ? "" : " in " + c.duration().toMillis() + " ms") + (c.error() == null ? "" : " — " + c.error());
        if (!fg || !c.status().finished()) {
            return new Answer(head + (c.fileName() == null ? "" : "\nFile: " + c.fileName() + " (" + c.fileSize() + " bytes, SHA-256 " + c.fileSha256() + ")"),
                    null, null);
        }
        return new Answer(c.output() == null ? head : head + "\n" + c.output(), c.data(), null);
    }

    static String table(List<String> columns, List<List<Object>> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", columns);
        m.put("rows", rows);
        return LiveResponse.JSON.writeValueAsString(m);
    }
}
