package dev.rampart.portal.response.liveresponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed console line: {@code command arg "quoted arg" -option value ... [&]}. Double quotes group words (a
 * backslash is a path separator, not an escape, except before a quote); {@code -output json|table} chooses how results
 * are shown; a trailing {@code &} runs the command in the background. Errors name the column.
 */
public record CommandLine(LiveCommand command, List<String> args, Map<String, String> options, boolean background, boolean json) {
    public static final int MAX_LENGTH = 4000;

    private record Token(String text, int column, int end, boolean quoted) {
    }

    public static CommandLine parse(String line) {
        if (line == null || line.isBlank()) {
            throw new LiveResponseException("commandLine", "is empty; type a command, or help for the list");
        }
        if (line.length() > MAX_LENGTH) {
            throw new LiveResponseException("commandLine", "is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (Character.isISOControl(ch) && ch != '\t') {
                throw new LiveResponseException("commandLine", "column " + (i + 1) + ": control character U+" + String.format("%04X", (int) ch)
                        + " is not allowed");
            }
        }
        List<Token> tokens = tokenize(line);
        boolean background = false;
        if (!tokens.isEmpty() && !tokens.get(tokens.size() - 1).quoted() && tokens.get(tokens.size() - 1).text().equals("&")) {
            background = true;
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            throw new LiveResponseException("commandLine", "column 1: & runs a command in the background; put a command before it");
        }
        Token first = tokens.get(0);
        LiveCommand cmd = LiveCommand.find(first.text()).orElseThrow(() -> new LiveResponseException("commandLine",
                "column " + first.column() + ": unknown command '" + first.text() + "'" + suggestion(first.text()) + "; type help for the list"));
        List<String> args = new ArrayList<>();
        List<Integer> argColumns = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean json = false;
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.quoted() && t.text().length() > 1 && t.text().startsWith("-") && Character.isLetter(t.text().charAt(1))) {
                String name = t.text().substring(1).toLowerCase(Locale.ROOT);
                if (name.equals("output")) {
                    if (i + 1 >= tokens.size() || !List.of("json", "table").contains(tokens.get(i + 1).text().toLowerCase(Locale.ROOT))) {
                        throw new LiveResponseException("commandLine", "column " + t.column() + ": -output takes json or table");
                    }
                    json = tokens.get(++i).text().equalsIgnoreCase("json");
                    continue;
                }
                Boolean takesValue = cmd.options().get(name);
                if (takesValue == null) {
                    throw new LiveResponseException("commandLine", "column " + t.column() + ": " + cmd.wire() + " has no option -" + name
                            + (cmd.options().isEmpty() ? "" : "; it takes " + cmd.options().keySet().stream().sorted().map(o -> "-" + o).toList()));
                }
                if (takesValue) {
                    if (i + 1 >= tokens.size()) {
                        throw new LiveResponseException("commandLine", "column " + t.column() + ": -" + name + " needs a value");
                    }
                    options.put(name, tokens.get(++i).text());
                } else {
                    options.put(name, "true");
                }
                continue;
            }
            args.add(t.text());
            argColumns.add(t.column());
        }
        if (args.size() < cmd.minArgs() || args.size() > cmd.maxArgs()) {
            int col = args.size() > cmd.maxArgs() ? argColumns.get(cmd.maxArgs()) : tokens.get(tokens.size() - 1).end() + 1;
            throw new LiveResponseException("commandLine", "column " + col + ": " + cmd.wire() + " takes "
                    + (cmd.minArgs() == cmd.maxArgs() ? cmd.minArgs() : cmd.minArgs() + " to " + cmd.maxArgs()) + " argument"
                    + (cmd.maxArgs() == 1 ? "" : "s") + ", got " + args.size() + "; usage: " + cmd.usage());
        }
        if ((cmd == LiveCommand.REMEDIATE || cmd == LiveCommand.UNDO) && !LiveCommand.REMEDIATION_KINDS.contains(args.get(0).toLowerCase(Locale.ROOT))) {
            throw new LiveResponseException("commandLine", "column " + argColumns.get(0) + ": '" + args.get(0) + "' is not one of "
                    + LiveCommand.REMEDIATION_KINDS.stream().sorted().toList());
        }
        if (cmd == LiveCommand.UNDO && args.get(0).equalsIgnoreCase("process")) {
            throw new LiveResponseException("commandLine", "column " + argColumns.get(0) + ": a stopped process cannot be restarted by undo");
        }
        if (cmd == LiveCommand.HELP && !args.isEmpty() && LiveCommand.find(args.get(0)).isEmpty()) {
            throw new LiveResponseException("commandLine", "column " + argColumns.get(0) + ": no command '" + args.get(0) + "'" + suggestion(args.get(0)));
        }
        return new CommandLine(cmd, List.copyOf(args), Map.copyOf(options), background, json);
    }

    private static List<Token> tokenize(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                if (line.charAt(i) == '"') {
                    quoted = true;
                    int open = i++;
                    while (i < n && line.charAt(i) != '"') {
                        // \" escapes a quote, except at the end of a word: "C:\Temp\" is a folder, not an open quote.
                        if (line.charAt(i) == '\\' && i + 1 < n && line.charAt(i + 1) == '"'
                                && !(i + 2 >= n || Character.isWhitespace(line.charAt(i + 2)))) {
                            i++;
                        }
                        sb.append(line.charAt(i++));
                    }
                    if (i >= n) {
                        throw new LiveResponseException("commandLine", "column " + (open + 1) + ": the quote opened here is not closed");
                    }
                    i++;
                } else {
                    sb.append(line.charAt(i++));
                }
            }
            out.add(new Token(sb.toString(), start + 1, i, quoted));
        }
        return out;
    }

    private static String suggestion(String typed) {
        return dev.rampart.kql.diagnostics.Suggestions.nearest(typed, LiveCommand.names()).map(n -> " (did you mean " + n + "?)").orElse("");
    }
}
