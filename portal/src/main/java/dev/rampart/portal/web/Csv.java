package dev.rampart.portal.web;

/** CSV cells for the portal's exports (RFC 4180 quoting). */
public final class Csv {
    private Csv() {
    }

    /**
     * {@code value} as one CSV cell: empty for null, quoted when it holds a comma, quote or line break, and prefixed
     * with {@code '} when it starts with {@code = + - @}, a tab or a carriage return, so a spreadsheet opening the export never runs it as a formula.
     */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value.startsWith("=") || value.startsWith("+") || value.startsWith("-") || value.startsWith("@") || value.startsWith("\t")
                || value.startsWith("\r") ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** One CSV line of {@link #cell cells}, ended by CRLF. */
    public static String line(String... values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(cell(values[i]));
        }
        return b.append("\r\n").toString();
    }
}
