package dev.rampart.kql.analyzer;

import java.util.ArrayList;
import java.util.List;

/** The property names of a JSONPath made only of property steps: {@code $.a.b}, {@code $['a']["b"]}. */
final class JsonPathSteps {
    private JsonPathSteps() {
    }

    /** The steps as a DuckDB JSON path, every name quoted. */
    static String duckDbPath(List<String> steps) {
        StringBuilder b = new StringBuilder("$");
        for (String s : steps) {
            b.append(".\"").append(s.replace("\"", "\\\"")).append('"');
        }
        return b.toString();
    }

    /** The steps in order, or null when the path has array indexes, wildcards or bad syntax. */
    static List<String> parse(String path) {
        List<String> steps = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char ch = path.charAt(i);
            if (ch == '.') {
                int j = i + 1;
                while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    j++;
                }
                String name = path.substring(i + 1, j);
                if (name.isEmpty() || name.equals("*")) {
                    return null;
                }
                steps.add(name);
                i = j;
            } else if (ch == '[' && i + 1 < n && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                char quote = path.charAt(i + 1);
                int end = path.indexOf(quote, i + 2);
                if (end < 0 || end + 1 >= n || path.charAt(end + 1) != ']') {
                    return null;
                }
                steps.add(path.substring(i + 2, end));
                i = end + 2;
            } else {
                return null;
            }
        }
        return steps;
    }
}
