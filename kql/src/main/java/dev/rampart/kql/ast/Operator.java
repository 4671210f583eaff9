package dev.rampart.kql.ast;

import dev.rampart.kql.diagnostics.Span;

import java.util.List;
import java.util.Map;

/** Tabular operators that follow a pipe. */
public sealed interface Operator {
    Span span();

    /** {@code name = expr}, or just {@code expr} when {@code name} is null. */
    record Assignment(String name, Expr expr, Span span) {
    }

    /** A column name, possibly with {@code *} wildcards (project-away Device*). */
    record NamePattern(String pattern, Span span) {
        public boolean isWildcard() {
            return pattern.indexOf('*') >= 0;
        }
    }

    record SortKey(Expr expr, boolean ascending, Boolean nullsFirst, Span span) {
    }

    record Where(Expr predicate, Span span) implements Operator {
    }

    record Project(List<Assignment> columns, Span span) implements Operator {
    }

    record Extend(List<Assignment> columns, Span span) implements Operator {
    }

    record ProjectAway(List<NamePattern> columns, Span span) implements Operator {
    }

    record ProjectKeep(List<NamePattern> columns, Span span) implements Operator {
    }

    /** {@code orders}: per pattern, null (as written) or asc, desc, granny-asc, granny-desc (sort the matches by name). */
    record ProjectReorder(List<NamePattern> columns, List<String> orders, Span span) implements Operator {
        public ProjectReorder(List<NamePattern> columns, Span span) {
            this(columns, java.util.Collections.nCopies(columns.size(), null), span);
        }
    }

    record ProjectRename(List<Assignment> renames, Span span) implements Operator {
    }

    record Summarize(List<Assignment> aggregates, List<Assignment> by, Span span) implements Operator {
    }

    record Take(Expr count, Span span) implements Operator {
    }

    record Top(Expr count, List<SortKey> keys, Span span) implements Operator {
    }

    record Sort(List<SortKey> keys, Span span) implements Operator {
    }

    /** {@code columns} empty means {@code distinct *}. */
    record Distinct(List<Assignment> columns, Span span) implements Operator {
    }

    record Count(Span span) implements Operator {
    }

    /** kind is null when omitted (innerunique). */
    record Join(String kind, Expr right, List<Expr> on, Span span) implements Operator {
    }

    record Lookup(String kind, Expr right, List<Expr> on, Span span) implements Operator {
    }

    record Union(Map<String, String> options, List<Expr> legs, Span span) implements Operator {
    }

    record MvExpandItem(String name, Expr expr, String toType, Span span) {
    }

    record MvExpand(List<MvExpandItem> items, String itemIndex, Expr limit, Span span) implements Operator {
    }

    /** mv-apply: the items are expanded per input row, and {@code body} (operators without a source) runs on each row's expansion. */
    record MvApply(MvExpand expand, List<Operator> body, Span span) implements Operator {
    }

    /**
     * partition by Column: {@code body} (operators without a source, the "(...)" form) runs on each partition's rows;
     * or {@code source} (the "{...}" form) is a tabular expression of its own that reads the key as toscalar(Column).
     * Exactly one of the two is set.
     */
    record Partition(String column, List<Operator> body, Expr source, Span span) implements Operator {
    }

    record Render(String chart, Map<String, String> properties, Span span) implements Operator {
    }

    /** One piece of a parse pattern: a literal, {@code *}, or a column to extract (type may be null). */
    record ParsePart(String literal, String column, String type, Span span) {
        public boolean isStar() {
            return literal == null && column == null;
        }
    }

    /** parse; {@code flags} are kind=regex's regex flags (U, i, m, s), empty otherwise. */
    record Parse(String kind, String flags, Expr source, List<ParsePart> parts, Span span) implements Operator {
    }

    /** make-series: aggregates (each with its fill value) per bin of {@code axis} between from and to; kind=nonempty sets {@code nonEmpty}. */
    record MakeSeries(List<Assignment> aggregates, List<Expr> defaults, Expr axis, Expr from, Expr to, Expr step,
                      List<Assignment> by, boolean nonEmpty, Span span) implements Operator {
        public MakeSeries(List<Assignment> aggregates, List<Expr> defaults, Expr axis, Expr from, Expr to, Expr step,
                          List<Assignment> by, Span span) {
            this(aggregates, defaults, axis, from, to, step, by, false, span);
        }
    }

    /** evaluate plugin(args) with an optional declared output schema. */
    record Evaluate(Expr.Call plugin, List<Expr.ColumnDecl> schema, Span span) implements Operator {
    }

    record Invoke(Expr.Call call, Span span) implements Operator {
    }

    /** {@code T | search [kind=...] predicate}: bare string terms match any string column. */
    record Search(boolean caseSensitive, Expr predicate, Span span) implements Operator {
    }

    /**
     * {@code parse-kv Source as (k: type, ...) [with (pair_delimiter=..., kv_delimiter=..., quote=..., escape=..., greedy=...,
     * regex=...)]}; each option's values in the order written (quote and escape may be repeated).
     */
    record ParseKv(Expr source, List<Expr.ColumnDecl> keys, Map<String, List<String>> options, Span span) implements Operator {
    }

    /** One level of top-nested: the top {@code count} (null = all) values of {@code of} ranked by the aggregate {@code by}. */
    record TopNestedLevel(Expr count, Assignment of, Expr others, Assignment by, boolean ascending, Span span) {
    }

    record TopNested(List<TopNestedLevel> levels, Span span) implements Operator {
    }

    /** A graph operator (make-graph, graph-match, graph-shortest-paths, graph-to-table, graph-mark-components). */
    record Graph(GraphOps.Op op, Span span) implements Operator {
    }

    /**
     * {@code fork [name=](subquery) ...}: each branch runs its operators on the same input and is a result of its own.
     * {@code name} is null when the branch is not named with {@code name=}.
     */
    record Fork(List<ForkBranch> branches, Span span) implements Operator {
    }

    record ForkBranch(String name, List<Operator> body, Span span) {
    }

    /**
     * {@code facet by Column, ... [with (operators)]}: one result per column (its values and their counts) and, with
     * {@code with}, one more holding the input after those operators ({@code with} is empty when not given).
     */
    record Facet(List<Expr.Name> columns, List<Operator> with, Span span) implements Operator {
    }

    /**
     * {@code consume [decodeblocks=Bool]}: the input is computed but no rows are returned (its columns are); how the SQL
     * keeps the engine from skipping that work is told at {@code Rel.Consume}. {@code decodeBlocks} may be null: values
     * are always decoded here, so it changes nothing.
     */
    record Consume(Expr decodeBlocks, Span span) implements Operator {
    }

    /** {@code as [hint.materialized=true] Name}: names the rows so far for later use in the same query. */
    record As(String name, boolean materialized, Span span) implements Operator {
    }

    /**
     * {@code reduce [kind=source] by Expr [with threshold=T, characters=C]}: groups the string values into patterns.
     * {@code threshold} and {@code characters} are null when not given.
     */
    record Reduce(boolean source, Expr by, Expr threshold, Expr characters, Span span) implements Operator {
    }

    /** {@code sample N}: N rows picked at random. */
    record Sample(Expr count, Span span) implements Operator {
    }

    /** {@code sample-distinct N of Column}: up to N distinct values of the column. */
    record SampleDistinct(Expr count, Expr of, Span span) implements Operator {
    }

    /** {@code top-hitters N of Column [by Sum]}: the N values seen most often, or with the largest sums; by is null when omitted. */
    record TopHitters(Expr count, Expr of, Expr by, Span span) implements Operator {
    }

    /** {@code getschema}: one row per input column (name, ordinal, .NET type, KQL type). */
    record GetSchema(Span span) implements Operator {
    }

    /** {@code parse-where}: parse, keeping only the rows the pattern (and each typed conversion) matches. */
    record ParseWhere(Parse parse, Span span) implements Operator {
    }

    /** {@code project-by-names} with names computed by expressions (dynamic arrays or strings, column_names_of(T)). */
    record ProjectByNames(List<Expr> names, Span span) implements Operator {
    }

    /** Operators that change nothing in a row set the compiler produces (serialize). */
    record NoOp(String name, Span span) implements Operator {
    }

    /**
     * {@code scan [with_match_id=Id] [declare (c:type[=default], ...)] with (step ...; ...)}: a state machine over the
     * serialized rows. {@code matchId} is null without with_match_id; a declared column's default may be null.
     */
    record ScanOp(String matchId, List<ScanColumn> declared, List<ScanStep> steps, Span span) implements Operator {
    }

    record ScanColumn(String name, String type, Expr defaultValue, Span span) {
    }

    /** {@code output} is all, last or none. */
    record ScanStep(String name, String output, Expr condition, List<Assignment> assignments, Span span) {
    }
}
