package dev.rampart.kql.analyzer;

import java.util.ArrayList;
import java.util.List;

/** Splits delimited text (csv and relatives) into records; quoted fields may hold delimiters, quotes ("") and newlines. */
final class Delimited {
    private Delimited() {
    }

    static List<List<String>> parse(String text, char delimiter, boolean quotes) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && quotes && cell.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (any || cell.length() > 0) {
                    record.add(cell.toString());
                    out.add(record);
                }
                record = new ArrayList<>();
                cell.setLength(0);
                any = false;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                cell.append(c);
            }
            i++;
        }
        if (any || cell.length() > 0) {
            record.add(cell.toString());
            out.add(record);
        }
        return out;
    }

    /** The txt format: each non-empty line is a record of one field. */
    static List<List<String>> lines(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty()) {
                out.add(List.of(line));
            }
        }
        return out;
    }
}
