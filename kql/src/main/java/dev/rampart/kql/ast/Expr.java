package dev.rampart.kql.ast;

import dev.rampart.kql.diagnostics.Span;

import java.util.List;

/**
 * Every KQL expression, scalar or tabular: KQL itself does not separate the two syntactically
 * ({@code let x = T} may bind either), so the analyzer decides which one a node is.
 */
public sealed interface Expr {
    Span span();

    /** A constant. {@code value}: String, Long, Double, Boolean, null, {@link Timespan}, {@link DateTimeText}, or a JSON tree for dynamic. */
    record Literal(Object value, LiteralKind kind, Span span) implements Expr {
    }

    enum LiteralKind { STRING, LONG, INT, REAL, BOOL, NULL, TIMESPAN, DATETIME, DYNAMIC, GUID }

    /** A timespan literal in microseconds (the store's precision). */
    record Timespan(long micros) {
    }

    /** The text inside {@code datetime(...)}, parsed by the analyzer so the error can point at it. */
    record DateTimeText(String text) {
    }

    /** A column, let-bound or table name; {@code $left}/{@code $right} appear as Member on a Name. */
    record Name(String name, Span span) implements Expr {
    }

    /** Arithmetic, comparison, logical and string operators, by their KQL spelling ({@code !has}, {@code =~}, {@code matches regex}). */
    record Binary(String op, Expr left, Expr right, Span span) implements Expr {
    }

    record Unary(String op, Expr operand, Span span) implements Expr {
    }

    /** {@code in}, {@code in~}, {@code !in}, {@code !in~}, {@code has_any}, {@code has_all} with their list. */
    record InList(String op, Expr left, List<Expr> items, Span span) implements Expr {
    }

    record Between(Expr left, Expr low, Expr high, boolean negated, Span span) implements Expr {
    }

    record Call(String name, List<Expr> args, Span span) implements Expr {
    }

    /** {@code f(Name = expr)}: Kusto lets an argument name the result column. */
    record NamedArg(String name, Expr value, Span span) implements Expr {
    }

    /** {@code (A, B) = arg_max(...)} in summarize: names for each column the call produces. */
    record Tuple(List<String> names, Expr value, Span span) implements Expr {
    }

    /** {@code *} as a function argument: {@code arg_max(Timestamp, *)}, {@code count(*)}. */
    record Star(Span span) implements Expr {
    }

    record Member(Expr target, String name, Span span) implements Expr {
    }

    record Index(Expr target, Expr index, Span span) implements Expr {
    }

    /** {@code typeof(string)} in mv-expand ... to typeof(...) and column declarations. */
    record TypeOf(String type, Span span) implements Expr {
    }

    /** A tabular expression followed by {@code | operator}. */
    record Pipe(Expr source, Operator op, Span span) implements Expr {
    }

    /** {@code union} used as the first step of a pipeline. */
    record UnionSource(Operator.Union union, Span span) implements Expr {
    }

    record DataTable(List<ColumnDecl> columns, List<Expr> values, Span span) implements Expr {
    }

    record ColumnDecl(String name, String type, Span span) {
    }

    /** {@code range Name from A to B step S}: one row per value, both ends included. */
    record Range(String name, Expr from, Expr to, Expr step, Span span) implements Expr {
    }

    /**
     * {@code search [kind=...] [in (T, ...)] predicate} or {@code find [withsource=N] [in (T, ...)] [where] predicate
     * [project ...]} as the source of a pipeline. {@code tables} holds names (with '*' wildcards) and parenthesized
     * queries; empty means every table in the schema and every view the query declares. {@code project} null means
     * project-smart.
     */
    record Search(boolean find, boolean caseSensitive, String sourceColumn, List<Expr> tables, Expr predicate,
                  FindProject project, Span span) implements Expr {
    }

    /** find's {@code project} list: columns, each with an optional type, and whether {@code pack_all()} ends it. */
    record FindProject(List<ColumnDecl> columns, boolean packAll) {
    }

    /** {@code print a = expr, expr, ...}: one row of computed values. */
    record Print(List<Operator.Assignment> columns, Span span) implements Expr {
    }

    /** {@code externaldata (schema) [uris] with (options)}; option names are kept as written, values as text. */
    record ExternalData(List<ColumnDecl> columns, List<Expr> uris, java.util.Map<String, String> options, Span span) implements Expr {
    }

    /** A user-defined function bound by let: parameters, its own lets, and the result expression. */
    record Lambda(List<Param> params, List<dev.rampart.kql.ast.Query.Let> lets, Expr body, Span span) implements Expr {
    }

    /**
     * {@code type} is a scalar type name, or "table" for a tabular parameter; {@code defaultValue} may be null;
     * {@code tableSchema} is a tabular parameter's declared columns as written ({@code "x:long, y:string"}, {@code "*"}
     * for any table), else null.
     */
    record Param(String name, String type, Expr defaultValue, Span span, String tableSchema) {
        public Param(String name, String type, Expr defaultValue, Span span) {
            this(name, type, defaultValue, span, null);
        }
    }

    /**
     * {@code declare pattern Name = (params)[pathParam] { (args).[path] = { body }; ... }}: each rule maps argument
     * values (and a path value, null when the pattern has no path parameter) to a tabular body.
     */
    record Pattern(String name, List<Param> params, Param pathParam, List<PatternRule> rules, Span span) implements Expr {
    }

    record PatternRule(List<Expr> args, Expr path, Expr body, Span span) {
    }
}
