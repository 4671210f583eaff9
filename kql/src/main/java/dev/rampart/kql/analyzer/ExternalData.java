package dev.rampart.kql.analyzer;

import dev.rampart.kql.ExternalDataSource;
import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.Diagnostic;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * externaldata: the files are read through the caller's {@link ExternalDataSource} while compiling and
 * become constant rows, so the statement itself never reaches outside the database.
 */
public final class ExternalData {
    /** More rows than this are not an indicator list but a data set; it belongs in the event store. */
    static final int MAX_ROWS = 100_000;
    /** Feature tag of the refusal, so corpus runs can count queries that only lack their external file. */
    public static final String NOT_ALLOWED = "externaldata:not-allowed";

    private final Analyzer a;

    ExternalData(Analyzer a) {
        this.a = a;
    }

    Rel rows(Expr.ExternalData e) {
        List<Field> fields = new ArrayList<>();
        for (Expr.ColumnDecl c : e.columns()) {
            fields.add(new Field(c.name(), Analyzer.type(c.type(), c.span())));
        }
        Map<String, String> options = new java.util.HashMap<>();
        e.options().forEach((k, v) -> options.put(k.toLowerCase(Locale.ROOT), v));
        boolean skipFirst = "true".equalsIgnoreCase(options.getOrDefault("ignorefirstrecord", "false"));
        List<List<Rex>> rows = new ArrayList<>();
        for (Expr u : e.uris()) {
            if (!(a.exprs.analyze(u, Scope.EMPTY) instanceof Rex.Lit l) || !(l.value() instanceof String text)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, u.span(), "externaldata needs its URLs as string constants");
            }
            String format = options.getOrDefault("format", formatOf(text)).toLowerCase(Locale.ROOT);
            List<List<String>> records = parse(format, content(text, u.span()), fields, u.span(), text);
            for (int i = skipFirst ? 1 : 0; i < records.size(); i++) {
                if (rows.size() >= MAX_ROWS) {
                    throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, u.span(), "externaldata '" + text + "' has more than "
                            + MAX_ROWS + " rows", "Load large data sets into the event store instead.");
                }
                rows.add(typed(records.get(i), fields));
            }
        }
        return new Rel.Values(rows, fields);
    }

    private byte[] content(String text, Span span) {
        ExternalDataSource source = a.options.externalData();
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (java.net.URISyntaxException ex) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, span, "externaldata URL '" + text + "' is not a valid URI");
        }
        Optional<byte[]> bytes;
        try {
            bytes = source.fetch(uri);
        } catch (IOException ex) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, span, "externaldata '" + text + "' could not be read: " + ex.getMessage());
        }
        if (bytes.isEmpty()) {
            throw new KqlException(new Diagnostic(ErrorCode.UNSUPPORTED, Diagnostic.Severity.ERROR,
                    "externaldata '" + text + "' is not available: queries do not read the internet (" + span.where()
                            + "). " + source.howToAllow(uri),
                    span, Optional.of(NOT_ALLOWED)));
        }
        return bytes.get();
    }

    /** Without a format option Kusto goes by the file extension; csv otherwise. */
    private static String formatOf(String uri) {
        String path = uri.toLowerCase(Locale.ROOT);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        for (String f : List.of("tsv", "psv", "scsv", "txt", "json", "multijson")) {
            if (path.endsWith("." + f)) {
                return f;
            }
        }
        return "csv";
    }

    private static List<List<String>> parse(String format, byte[] bytes, List<Field> fields, Span span, String uri) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return switch (format) {
            case "csv" -> Delimited.parse(text, ',', true);
            case "tsv", "tsve" -> Delimited.parse(text, '\t', format.equals("tsv"));
            case "scsv" -> Delimited.parse(text, ';', true);
            case "psv" -> Delimited.parse(text, '|', true);
            case "sohsv" -> Delimited.parse(text, '\u0001', false);
            case "txt", "raw" -> Delimited.lines(text);
            case "json", "multijson" -> JsonLines.parse(text, fields, span, uri);
            default -> throw KqlException.unsupported(span, "externaldata:format=" + format, "The externaldata format '" + format + "'");
        };
    }

    /** Cells convert like Kusto ingestion: a cell that does not parse as its column's type is null. */
    private static List<Rex> typed(List<String> record, List<Field> fields) {
        List<Rex> row = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String cell = i < record.size() ? record.get(i) : null;
            KqlType t = fields.get(i).type();
            row.add(new Rex.Lit(convert(cell, t), t));
        }
        return row;
    }

    static Object convert(String cell, KqlType t) {
        if (cell == null) {
            return t == KqlType.STRING ? "" : null;
        }
        String s = cell.trim();
        try {
            return switch (t) {
                case STRING -> cell;
                case GUID -> s.isEmpty() ? null : s;
                case LONG -> Long.parseLong(s);
                case INT -> (long) Integer.parseInt(s);
                case REAL, DECIMAL -> Double.parseDouble(s);
                case BOOL -> s.equalsIgnoreCase("true") || s.equals("1") ? Boolean.TRUE
                        : s.equalsIgnoreCase("false") || s.equals("0") ? Boolean.FALSE : null;
                case DATETIME -> dateTime(s);
                case TIMESPAN -> s.isEmpty() ? null : dev.rampart.kql.parser.TimespanText.parse(s);
                case DYNAMIC -> s.isEmpty() ? null : JsonLines.read(s);
            };
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private static LocalDateTime dateTime(String s) {
        if (s.isEmpty()) {
            return null;
        }
        return Literals.dateTime(s, Span.NONE);
    }
}
