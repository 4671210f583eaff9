package dev.rampart.kql.analyzer;

import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;

/** Converts format_datetime's .NET-style patterns to strftime. */
final class DateFormats {
    private DateFormats() {
    }

    static String toStrftime(String fmt, Span span) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            int run = 1;
            while (i + run < fmt.length() && fmt.charAt(i + run) == c) {
                run++;
            }
            String tok = fmt.substring(i, i + run);
            String mapped = switch (tok) {
                case "yyyy" -> "%Y";
                case "yy" -> "%y";
                // The year within its century without padding (2009 -> 9, 2019 -> 19).
                case "y" -> "%-y";
                case "MM" -> "%m";
                case "M" -> "%-m";
                case "dd" -> "%d";
                case "d" -> "%-d";
                case "HH" -> "%H";
                case "H" -> "%-H";
                case "hh" -> "%I";
                case "h" -> "%-I";
                case "mm" -> "%M";
                case "m" -> "%-M";
                case "ss" -> "%S";
                case "s" -> "%-S";
                case "tt" -> "%p";
                case "fff" -> "%g";
                case "ffffff" -> "%f";
                default -> null;
            };
            if (mapped == null) {
                if (Character.isLetter(c)) {
                    throw KqlException.unsupported(span, "fn:format_datetime:" + tok, "The format_datetime() pattern '" + tok + "'");
                }
                mapped = tok.replace("%", "%%");
            }
            out.append(mapped);
            i += run;
        }
        return out.toString();
    }
}
