package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.Token;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tabular operators after a pipe. */
final class OperatorParser {
    private static final List<String> SUPPORTED = List.of(
            "where", "filter", "project", "extend", "project-away", "project-keep", "project-reorder", "project-rename",
            "summarize", "take", "limit", "top", "sort", "order", "distinct", "count", "join", "lookup", "union",
            "mv-expand", "mvexpand", "mv-apply", "mvapply", "render", "serialize", "invoke", "parse", "make-series", "evaluate",
            "search", "parse-kv", "top-nested", "project-by-names", "scan",
            "make-graph", "graph-match", "graph-shortest-paths", "graph-to-table", "graph-mark-components",
            "as", "sample", "sample-distinct", "top-hitters", "getschema", "parse-where", "partition", "reduce",
            "fork", "facet", "consume");
    /** Real KQL operators the compiler does not translate yet: reported as unsupported, not as typos. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of(
            "find", "project-smart",
            "extend-ext", "print", "range", "execute");

    private final Parser p;

    OperatorParser(Parser p) {
        this.p = p;
    }

    Operator operator() {
        Token t = p.peek();
        if (t.kind() != TokenKind.IDENT) {
            throw p.expected("a tabular operator after '|'");
        }
        String w = t.text();
        if (KNOWN_UNSUPPORTED.contains(w)) {
            throw KqlException.unsupported(t.span(), "op:" + w, "The '" + w + "' operator");
        }
        if (!SUPPORTED.contains(w)) {
            throw p.unknownOperator(t, SUPPORTED);
        }
        Span s = p.next().span();
        return switch (w) {
            case "where", "filter" -> new Operator.Where(p.expression(), p.spanFrom(s));
            case "project" -> new Operator.Project(assignments(), p.spanFrom(s));
            case "extend" -> new Operator.Extend(assignments(), p.spanFrom(s));
            case "project-away" -> new Operator.ProjectAway(patterns(false), p.spanFrom(s));
            case "project-keep" -> new Operator.ProjectKeep(patterns(false), p.spanFrom(s));
            case "project-by-names" -> projectByNames(s);
            case "project-reorder" -> projectReorder(s);
            case "as" -> as(s);
            case "sample" -> new Operator.Sample(p.expression(), p.spanFrom(s));
            case "sample-distinct" -> {
                Expr n = p.expression();
                p.expectWord("of");
                yield new Operator.SampleDistinct(n, p.expression(), p.spanFrom(s));
            }
            case "top-hitters" -> {
                Expr n = p.expression();
                p.expectWord("of");
                Expr of = p.expression();
                Expr by = p.acceptWord("by") ? p.expression() : null;
                yield new Operator.TopHitters(n, of, by, p.spanFrom(s));
            }
            case "getschema" -> new Operator.GetSchema(p.spanFrom(s));
            case "parse-where" -> new Operator.ParseWhere((Operator.Parse) parse(s), p.spanFrom(s));
            case "project-rename" -> new Operator.ProjectRename(renames(), p.spanFrom(s));
            case "summarize" -> summarize(s);
            case "take", "limit" -> new Operator.Take(p.expression(), p.spanFrom(s));
            case "top" -> top(s);
            case "sort", "order" -> {
                p.expectWord("by");
                yield new Operator.Sort(sortKeys(), p.spanFrom(s));
            }
            case "distinct" -> distinct(s);
            case "count" -> new Operator.Count(p.spanFrom(s));
            case "join" -> join(s);
            case "lookup" -> lookup(s);
            case "union" -> union(s);
            case "mv-expand", "mvexpand" -> mvExpand(s);
            case "mv-apply", "mvapply" -> mvApply(s);
            case "partition" -> partition(s);
            case "fork" -> new ResultOperatorParser(p, this).fork(s);
            case "facet" -> new ResultOperatorParser(p, this).facet(s);
            case "consume" -> new ResultOperatorParser(p, this).consume(s);
            case "render" -> render(s);
            case "serialize" -> serialize(s);
            case "parse" -> parse(s);
            case "make-series" -> makeSeries(s);
            case "evaluate" -> evaluate(s);
            case "parse-kv" -> parseKv(s);
            case "reduce" -> reduce(s);
            case "top-nested" -> topNested(s);
            case "scan" -> new ScanParser(p).scan(s);
            case "make-graph", "graph-match", "graph-shortest-paths", "graph-to-table", "graph-mark-components" ->
                    new GraphParser(p, this).operator(w, s);
            case "search" -> {
                Map<String, String> o = options(Set.of("kind"));
                if (p.atWord("in") && p.peek(1).kind() == TokenKind.LPAREN) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.peek().span(), "A search after '|' reads its input, so it takes no 'in (...)'",
                            "Drop 'in (...)', or start the query with search in (...).");
                }
                yield new Operator.Search(caseSensitive(o, s), searchPredicate(), p.spanFrom(s));
            }
            case "invoke" -> {
                Expr e = p.expression();
                if (!(e instanceof Expr.Call call)) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, e.span(), "Expected a function call after 'invoke'");
                }
                yield new Operator.Invoke(call, p.spanFrom(s));
            }
            default -> throw p.unknownOperator(t, SUPPORTED);
        };
    }

    private Operator as(Span s) {
        boolean materialized = false;
        while (p.atWord("hint") && p.peek(1).kind() == TokenKind.DOT) {
            p.next();
            p.next();
            String hint = p.expect(TokenKind.IDENT, "a hint name").text();
            p.expect(TokenKind.ASSIGN, "'='");
            String v = p.next().text();
            if (hint.equals("materialized")) {
                materialized = v.equals("true");
            }
        }
        String name = p.columnName("a name after 'as'");
        return new Operator.As(name, materialized, p.spanFrom(s));
    }

    private Operator projectReorder(Span s) {
        List<Operator.NamePattern> cols = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        do {
            cols.addAll(patterns(false, true));
            String order = null;
            if (p.atWord("asc") || p.atWord("desc")) {
                order = p.next().text();
            } else if (p.atWord("granny") && p.peek(1).kind() == TokenKind.MINUS && !p.peek(1).spaceBefore()
                    && (p.peek(2).isWord("asc") || p.peek(2).isWord("desc")) && !p.peek(2).spaceBefore()) {
                // The lexer reads granny-asc as three tokens.
                p.next();
                p.next();
                order = "granny-" + p.next().text();
            }
            orders.add(order);
        } while (p.accept(TokenKind.COMMA));
        return new Operator.ProjectReorder(cols, orders, p.spanFrom(s));
    }

    private Operator evaluate(Span s) {
        skipHints();
        if (p.at(TokenKind.IDENT) && p.peek(1).kind() == TokenKind.LPAREN && !PLUGINS.contains(p.peek().text())) {
            // Checked before the arguments, whose syntax is the plugin's own (python(typeof(*), ...)).
            Token t = p.peek();
            throw KqlException.unsupported(t.span(), "evaluate:" + t.text(), "The '" + t.text() + "' plugin");
        }
        Expr e = p.expression();
        if (!(e instanceof Expr.Call call)) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, e.span(), "Expected a plugin call after 'evaluate'");
        }
        if (!PLUGINS.contains(call.name())) {
            throw KqlException.unsupported(call.span(), "evaluate:" + call.name(), "The '" + call.name() + "' plugin");
        }
        List<Expr.ColumnDecl> schema = new ArrayList<>();
        if (p.accept(TokenKind.COLON)) {
            p.expect(TokenKind.LPAREN, "'(' and the output schema");
            do {
                Span cs = p.peek().span();
                if (p.accept(TokenKind.STAR)) {
                    // "*" keeps the columns the plugin outputs beyond the declared ones.
                    schema.add(new Expr.ColumnDecl("*", null, p.spanFrom(cs)));
                    continue;
                }
                String name = p.columnName("a column name");
                p.expect(TokenKind.COLON, "':' and a type");
                String type = p.expect(TokenKind.IDENT, "a type name").text();
                schema.add(new Expr.ColumnDecl(name, type, p.spanFrom(cs)));
            } while (p.accept(TokenKind.COMMA));
            p.expect(TokenKind.RPAREN, "')'");
        }
        return new Operator.Evaluate(call, schema, p.spanFrom(s));
    }

    /** Plugins the analyzer translates. */
    private static final Set<String> PLUGINS = Set.of("bag_unpack", "basket", "autocluster", "diffpatterns", "pivot", "schema_merge", "rolling_percentile",
            "new_activity_metrics", "ipv4_lookup", "geo_polygon_lookup", "geo_line_lookup", "dcount_intersect",
            "sliding_window_counts", "activity_counts_metrics",
            "activity_metrics", "activity_engagement",
            "active_users_count", "session_count",
            "funnel_sequence", "funnel_sequence_completion",
            "sequence_detect", "ipv6_lookup", "rows_near", "narrow", "preview");

    private Operator topNested(Span s) {
        List<Operator.TopNestedLevel> levels = new ArrayList<>();
        Span ls = s;
        while (true) {
            Expr count = p.atWord("of") ? null : p.expression();
            p.expectWord("of");
            Operator.Assignment of = assignment();
            Expr others = null;
            if (p.acceptWord("with")) {
                p.expectWord("others");
                p.expect(TokenKind.ASSIGN, "'=' after 'with others'");
                others = p.expression();
            }
            p.expectWord("by");
            Operator.Assignment by = assignment();
            boolean asc = false;
            if (p.acceptWord("asc")) {
                asc = true;
            } else {
                p.acceptWord("desc");
            }
            levels.add(new Operator.TopNestedLevel(count, of, others, by, asc, p.spanFrom(ls)));
            if (p.at(TokenKind.COMMA) && p.peek(1).isWord("top-nested")) {
                p.next();
                ls = p.next().span();
            } else {
                break;
            }
        }
        return new Operator.TopNested(levels, p.spanFrom(s));
    }

    private Operator parseKv(Span s) {
        Expr source = p.expression();
        p.expectWord("as");
        p.expect(TokenKind.LPAREN, "'(' and the keys to extract");
        List<Expr.ColumnDecl> keys = new ArrayList<>();
        do {
            Span cs = p.peek().span();
            String name = p.columnName("a key name");
            String type = "string";
            if (p.accept(TokenKind.COLON)) {
                type = p.expect(TokenKind.IDENT, "a type name").text();
            }
            keys.add(new Expr.ColumnDecl(name, type, p.spanFrom(cs)));
        } while (p.accept(TokenKind.COMMA));
        p.expect(TokenKind.RPAREN, "')' to close the key list");
        Map<String, List<String>> options = new LinkedHashMap<>();
        if (p.acceptWord("with")) {
            p.expect(TokenKind.LPAREN, "'(' and the parse-kv options");
            do {
                Token k = p.expect(TokenKind.IDENT, "an option name (pair_delimiter, kv_delimiter, quote, escape, greedy, regex)");
                p.expect(TokenKind.ASSIGN, "'=' after " + k.text());
                Token v = p.next();
                if (v.kind() != TokenKind.STRING && v.kind() != TokenKind.IDENT) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, v.span(), "Expected a string or true/false for the parse-kv option '"
                            + k.text() + "' but found " + Parser.describe(v));
                }
                options.computeIfAbsent(k.text(), n -> new ArrayList<>()).add(v.text());
            } while (p.accept(TokenKind.COMMA));
            p.expect(TokenKind.RPAREN, "')' to close the parse-kv options");
        }
        return new Operator.ParseKv(source, keys, options, p.spanFrom(s));
    }

    private Operator reduce(Span s) {
        Map<String, String> o = options(Set.of("kind"));
        if (o.containsKey("kind") && !o.get("kind").equals("source")) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, s, "Unknown reduce kind '" + o.get("kind") + "'", "Use kind=source or leave it out.");
        }
        p.expectWord("by");
        Expr by = p.expression();
        Expr threshold = null;
        Expr characters = null;
        if (p.acceptWord("with")) {
            do {
                Token k = p.expect(TokenKind.IDENT, "a reduce option (threshold, characters)");
                p.expect(TokenKind.ASSIGN, "'=' after " + k.text());
                switch (k.text()) {
                    case "threshold" -> threshold = p.expression();
                    case "characters" -> characters = p.expression();
                    default -> throw KqlException.at(ErrorCode.SYNTAX_ERROR, k.span(), "Unknown reduce option '" + k.text() + "'",
                            "Use threshold=... or characters=...");
                }
            } while (p.accept(TokenKind.COMMA));
        }
        return new Operator.Reduce("source".equals(o.get("kind")), by, threshold, characters, p.spanFrom(s));
    }

    private boolean caseSensitive(Map<String, String> o, Span s) {
        String kind = o.getOrDefault("kind", "case_insensitive");
        if (!kind.equals("case_sensitive") && !kind.equals("case_insensitive")) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, s, "Unknown search kind '" + kind + "'",
                    "Use kind=case_sensitive or kind=case_insensitive.");
        }
        return kind.equals("case_sensitive");
    }

    /** search/find as a pipeline source; {@code keyword} is the already consumed word. */
    Expr searchSource(Token keyword) {
        Span s = keyword.span();
        boolean find = keyword.text().equals("find");
        Map<String, String> o = options(find ? Set.of("withsource") : Set.of("kind"));
        boolean cs = !find && caseSensitive(o, s);
        List<Expr> tables = new ArrayList<>();
        if (p.acceptWord("in")) {
            p.expect(TokenKind.LPAREN, "'(' and the tables to search");
            do {
                tables.add(tableReference("a table, a wildcard like Device* or a parenthesized query"));
            } while (p.accept(TokenKind.COMMA));
            p.expect(TokenKind.RPAREN, "')' to close the table list");
        }
        if (find) {
            p.acceptWord("where"); // find "x" and find Col == 1 read as find where ...
        }
        Expr predicate = searchPredicate();
        Expr.FindProject project = null;
        if (find && p.atWord("project-smart")) {
            p.next();
        } else if (find && p.acceptWord("project")) {
            project = findProject();
        } else if (find && p.at(TokenKind.IDENT) && p.peek().text().startsWith("project")) {
            throw KqlException.unsupported(p.peek().span(), "find:" + p.peek().text(), "find ... " + p.peek().text());
        }
        String source = o.getOrDefault("withsource", find ? "source_" : "$table");
        return new Expr.Search(find, cs, source, tables, predicate, project, p.spanFrom(s));
    }

    /** A search predicate; a lone '*' ({@code search *}) keeps every row. */
    private Expr searchPredicate() {
        if (p.at(TokenKind.STAR) && switch (p.peek(1).kind()) {
            case EOF, PIPE, SEMI, RPAREN -> true;
            default -> false;
        }) {
            return new Expr.Literal(Boolean.TRUE, Expr.LiteralKind.BOOL, p.next().span());
        }
        return p.searchPredicate();
    }

    /** {@code Name[:type], ...[, pack_all()]} after find's project. */
    private Expr.FindProject findProject() {
        List<Expr.ColumnDecl> columns = new ArrayList<>();
        do {
            if (p.atWord("pack_all") && p.peek(1).kind() == TokenKind.LPAREN) {
                p.next();
                p.next();
                p.expect(TokenKind.RPAREN, "')' after pack_all(");
                if (p.at(TokenKind.COMMA)) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.peek().span(), "pack_all() must be the last item of find's project list",
                            "Move pack_all() to the end.");
                }
                return new Expr.FindProject(columns, true);
            }
            Span cs = p.peek().span();
            String name = p.columnName("a column name or pack_all() after 'project'");
            String type = null;
            if (p.accept(TokenKind.COLON)) {
                type = p.expect(TokenKind.IDENT, "a type name after '" + name + ":'").text();
            }
            columns.add(new Expr.ColumnDecl(name, type, p.spanFrom(cs)));
        } while (p.accept(TokenKind.COMMA));
        return new Expr.FindProject(columns, false);
    }

    /**
     * A table of union, search or find: a name, a wildcard pattern (Device*, *Events), or a parenthesized query.
     * Names of other databases or clusters are refused: only the schema's own tables can be read.
     */
    private Expr tableReference(String what) {
        Span ls = p.peek().span();
        if (p.at(TokenKind.LPAREN)) {
            p.next();
            Expr leg = p.pipeline();
            p.expect(TokenKind.RPAREN, "')' to close the query");
            return leg;
        }
        if (p.atRemoteSource()) {
            throw p.remoteSource();
        }
        if (p.atWord("database") || p.atWord("cluster")) {
            throw KqlException.cannot(p.peek().span(), "cross-database", "Only the schema's own tables can be read, not another database or cluster",
                    "Name the tables, or a wildcard such as Device*.");
        }
        if (p.at(TokenKind.LBRACKET) && p.peek(1).kind() == TokenKind.STRING) {
            return new Expr.Name(p.columnName(what), p.spanFrom(ls));
        }
        if (!p.at(TokenKind.IDENT) && !p.at(TokenKind.STAR)) {
            throw p.expected(what);
        }
        StringBuilder name = new StringBuilder(p.next().text());
        // The lexer splits Device*Events into three tokens; written without spaces they are one pattern.
        while ((p.at(TokenKind.STAR) || (p.at(TokenKind.IDENT) && name.charAt(name.length() - 1) == '*'))
                && !p.peek().spaceBefore()) {
            name.append(p.next().text());
        }
        return new Expr.Name(name.toString(), p.spanFrom(ls));
    }

    private Operator makeSeries(Span s) {
        Map<String, String> o = options(Set.of("kind"));
        if (o.containsKey("kind") && !o.get("kind").equals("nonempty")) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, s, "Unknown make-series kind '" + o.get("kind") + "'", "Use kind=nonempty or leave it out.");
        }
        List<Operator.Assignment> aggs = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        do {
            aggs.add(assignment());
            Expr def = null;
            if (p.acceptWord("default")) {
                p.expect(TokenKind.ASSIGN, "'=' after default");
                def = p.expression();
            }
            defaults.add(def);
        } while (p.accept(TokenKind.COMMA));
        p.expectWord("on");
        // "on T in range(...)": read the axis as a bare name so that 'in' is not taken as the in-list operator.
        Expr axis;
        if (p.at(TokenKind.IDENT) && p.peek(1).isWord("in") && p.peek(2).isWord("range")) {
            Token t = p.next();
            axis = new Expr.Name(t.text(), t.span());
        } else {
            axis = p.expression();
        }
        Expr from;
        Expr to;
        Expr step;
        if (p.acceptWord("in")) {
            // The alternate syntax bins with bin() rather than bin_at(start) and includes stop.
            Span r = p.peek().span();
            p.expectWord("range");
            p.expect(TokenKind.LPAREN, "'(' after range");
            Expr start = p.expression();
            p.expect(TokenKind.COMMA, "',' between range's start and stop");
            Expr stop = p.expression();
            p.expect(TokenKind.COMMA, "',' between range's stop and step");
            step = p.expression();
            p.expect(TokenKind.RPAREN, "')' to close range(...)");
            Span rs = p.spanFrom(r);
            from = new Expr.Call("bin", List.of(start, step), rs);
            to = new Expr.Binary("+", new Expr.Call("bin", List.of(stop, step), rs), step, rs);
        } else {
            // Without from/to the range comes from the data, as in Kusto.
            from = p.acceptWord("from") ? p.expression() : null;
            to = p.acceptWord("to") ? p.expression() : null;
            p.expectWord("step");
            step = p.expression();
        }
        List<Operator.Assignment> by = new ArrayList<>();
        if (p.acceptWord("by")) {
            by = assignments();
        }
        return new Operator.MakeSeries(aggs, defaults, axis, from, to, step, by, "nonempty".equals(o.get("kind")), p.spanFrom(s));
    }

    private Operator parse(Span s) {
        Map<String, String> o = options(Set.of("kind", "flags"));
        Expr source = p.expression();
        p.expectWord("with");
        List<Operator.ParsePart> parts = new ArrayList<>();
        while (!p.at(TokenKind.PIPE) && !p.at(TokenKind.EOF) && !p.at(TokenKind.SEMI) && !p.at(TokenKind.RPAREN)) {
            Token t = p.next();
            switch (t.kind()) {
                case STAR -> parts.add(new Operator.ParsePart(null, null, null, t.span()));
                case STRING -> parts.add(new Operator.ParsePart(t.text(), null, null, t.span()));
                case IDENT -> {
                    String type = null;
                    if (p.accept(TokenKind.COLON)) {
                        type = p.expect(TokenKind.IDENT, "a type name").text();
                    }
                    parts.add(new Operator.ParsePart(null, t.text(), type, p.spanFrom(t.span())));
                }
                // ['Name with spaces'] names a column like any identifier.
                case LBRACKET -> {
                    if (p.peek().kind() != TokenKind.STRING || p.peek(1).kind() != TokenKind.RBRACKET) {
                        throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(),
                                "Expected a quoted column name such as ['Name'] in the parse pattern");
                    }
                    String name = p.next().text();
                    p.next();
                    String type = null;
                    if (p.accept(TokenKind.COLON)) {
                        type = p.expect(TokenKind.IDENT, "a type name").text();
                    }
                    parts.add(new Operator.ParsePart(null, name, type, p.spanFrom(t.span())));
                }
                default -> throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(),
                        "Expected a string, a column name or '*' in the parse pattern but found " + Parser.describe(t));
            }
        }
        return new Operator.Parse(o.getOrDefault("kind", "simple"), o.getOrDefault("flags", ""), source, parts, p.spanFrom(s));
    }

    private Operator serialize(Span s) {
        if (p.at(TokenKind.IDENT) && p.peek(1).kind() == TokenKind.ASSIGN) {
            return new Operator.Extend(assignments(), p.spanFrom(s));
        }
        return new Operator.NoOp("serialize", p.spanFrom(s));
    }

    /** Skips {@code hint.x = y} pairs, which only tune Kusto's own execution. */
    private void skipHints() {
        while (p.atWord("hint") && p.peek(1).kind() == TokenKind.DOT) {
            p.next();
            p.next();
            p.next();
            p.expect(TokenKind.ASSIGN, "'='");
            p.next();
        }
    }

    private Map<String, String> options(Set<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        while (true) {
            skipHints();
            if (p.at(TokenKind.IDENT) && names.contains(p.peek().text()) && p.peek(1).kind() == TokenKind.ASSIGN) {
                String k = p.next().text();
                p.next();
                if (p.at(TokenKind.LBRACKET)) {
                    m.put(k, p.columnName("a name after " + k + "=")); // withsource=['Graph element']
                    continue;
                }
                Token v = p.next();
                m.put(k, v.text());
            } else {
                return m;
            }
        }
    }

    List<Operator.Assignment> assignments() {
        List<Operator.Assignment> out = new ArrayList<>();
        do {
            out.add(assignment());
        } while (p.accept(TokenKind.COMMA));
        return out;
    }

    private Operator.Assignment assignment() {
        Span s = p.peek().span();
        if (p.at(TokenKind.LPAREN) && p.peek(1).kind() == TokenKind.IDENT && p.peek(2).kind() == TokenKind.COMMA) {
            p.next();
            List<String> names = new ArrayList<>();
            do {
                names.add(p.columnName("a column name"));
            } while (p.accept(TokenKind.COMMA));
            p.expect(TokenKind.RPAREN, "')'");
            p.expect(TokenKind.ASSIGN, "'='");
            Expr e = p.expression();
            return new Operator.Assignment(null, new Expr.Tuple(names, e, p.spanFrom(s)), p.spanFrom(s));
        }
        boolean bracketed = p.at(TokenKind.LBRACKET) && p.peek(1).kind() == TokenKind.STRING
                && p.peek(2).kind() == TokenKind.RBRACKET && p.peek(3).kind() == TokenKind.ASSIGN;
        if ((p.at(TokenKind.IDENT) && p.peek(1).kind() == TokenKind.ASSIGN) || bracketed) {
            String name = p.columnName("a column name");
            p.next();
            Expr e = p.expression();
            return new Operator.Assignment(name, e, p.spanFrom(s));
        }
        Expr e = p.expression();
        return new Operator.Assignment(null, e, p.spanFrom(s));
    }

    /**
     * project-by-names: column names (wildcards allowed) given as strings or dynamic arrays of strings; names given
     * by other expressions are resolved by the analyzer.
     */
    private Operator projectByNames(Span s) {
        List<Expr> exprs = new ArrayList<>();
        do {
            exprs.add(p.expression());
        } while (p.accept(TokenKind.COMMA));
        List<Operator.NamePattern> out = new ArrayList<>();
        for (Expr e : exprs) {
            List<?> names = e instanceof Expr.Literal l && l.value() instanceof String one ? List.of(one)
                    : e instanceof Expr.Literal l && l.value() instanceof List<?> many ? many : null;
            if (names == null || !names.stream().allMatch(n -> n instanceof String)) {
                return new Operator.ProjectByNames(exprs, p.spanFrom(s));
            }
            names.forEach(n -> out.add(new Operator.NamePattern((String) n, e.span())));
        }
        return new Operator.ProjectKeep(out, p.spanFrom(s));
    }

    /**
     * The text right after a pattern's '*': a name, or digits, which the lexer reads as a number (*1 matches the
     * DeviceId1 a join leaves behind).
     */
    private boolean atPatternTail() {
        return (p.at(TokenKind.IDENT) || p.at(TokenKind.LONG)) && !p.peek().spaceBefore();
    }

    private List<Operator.NamePattern> patterns(boolean allowOrder) {
        return patterns(allowOrder, false);
    }

    private List<Operator.NamePattern> patterns(boolean allowOrder, boolean single) {
        List<Operator.NamePattern> out = new ArrayList<>();
        do {
            Span s = p.peek().span();
            StringBuilder b = new StringBuilder();
            if (p.at(TokenKind.STAR)) {
                p.next();
                b.append('*');
                if (p.at(TokenKind.LONG) && !p.peek().spaceBefore()) {
                    b.append(p.next().text());
                }
            }
            if (b.length() <= 1 && (p.at(TokenKind.IDENT) || p.at(TokenKind.LBRACKET))) {
                b.append(p.columnName("a column name"));
            }
            while (p.at(TokenKind.STAR) && !p.peek().spaceBefore()) {
                p.next();
                b.append('*');
                if (atPatternTail()) {
                    b.append(p.next().text());
                }
            }
            if (b.length() == 0) {
                throw p.expected("a column name");
            }
            if (allowOrder && (p.atWord("asc") || p.atWord("desc") || p.atWord("granny-asc") || p.atWord("granny-desc"))) {
                throw KqlException.unsupported(p.peek().span(), "project-reorder:order", "Sorting columns by name in project-reorder");
            }
            out.add(new Operator.NamePattern(b.toString(), p.spanFrom(s)));
        } while (!single && p.accept(TokenKind.COMMA));
        return out;
    }

    private List<Operator.Assignment> renames() {
        List<Operator.Assignment> out = new ArrayList<>();
        do {
            Span s = p.peek().span();
            String to = p.columnName("the new column name");
            p.expect(TokenKind.ASSIGN, "'=' and the old column name");
            Span fs = p.peek().span();
            String from = p.columnName("the old column name");
            out.add(new Operator.Assignment(to, new Expr.Name(from, fs), p.spanFrom(s)));
        } while (p.accept(TokenKind.COMMA));
        return out;
    }

    private Operator summarize(Span s) {
        skipHints();
        List<Operator.Assignment> aggs = new ArrayList<>();
        if (!p.atWord("by")) {
            aggs = assignments();
        }
        List<Operator.Assignment> by = new ArrayList<>();
        if (p.acceptWord("by")) {
            by = assignments();
        }
        return new Operator.Summarize(aggs, by, p.spanFrom(s));
    }

    private Operator top(Span s) {
        Expr n = p.expression();
        p.expectWord("by");
        List<Operator.SortKey> keys = sortKeys();
        return new Operator.Top(n, keys, p.spanFrom(s));
    }

    private List<Operator.SortKey> sortKeys() {
        List<Operator.SortKey> keys = new ArrayList<>();
        do {
            Span ks = p.peek().span();
            Expr e = p.expression();
            boolean asc = false;
            if (p.acceptWord("asc")) {
                asc = true;
            } else {
                p.acceptWord("desc");
            }
            Boolean nullsFirst = null;
            if (p.acceptWord("nulls")) {
                if (p.acceptWord("first")) {
                    nullsFirst = true;
                } else {
                    p.expectWord("last");
                    nullsFirst = false;
                }
            }
            keys.add(new Operator.SortKey(e, asc, nullsFirst, p.spanFrom(ks)));
        } while (p.accept(TokenKind.COMMA));
        return keys;
    }

    private Operator distinct(Span s) {
        if (p.accept(TokenKind.STAR)) {
            return new Operator.Distinct(List.of(), p.spanFrom(s));
        }
        return new Operator.Distinct(assignments(), p.spanFrom(s));
    }

    private Expr rightSide() {
        if (p.at(TokenKind.LPAREN)) {
            p.next();
            Expr e = p.pipeline();
            p.expect(TokenKind.RPAREN, "')' to close the right side of the join");
            return e;
        }
        return p.expression();
    }

    private List<Expr> onClause() {
        p.expectWord("on");
        List<Expr> on = new ArrayList<>();
        do {
            on.add(p.expression());
        } while (p.accept(TokenKind.COMMA));
        return on;
    }

    private Operator join(Span s) {
        Map<String, String> o = options(Set.of("kind", "withsource"));
        Expr right = rightSide();
        if (p.atWord("where")) {
            throw KqlException.unsupported(p.peek().span(), "join:where", "A join with a 'where' condition");
        }
        List<Expr> on = onClause();
        return new Operator.Join(o.get("kind"), right, on, p.spanFrom(s));
    }

    private Operator lookup(Span s) {
        Map<String, String> o = options(Set.of("kind"));
        Expr right = rightSide();
        List<Expr> on = onClause();
        return new Operator.Lookup(o.get("kind"), right, on, p.spanFrom(s));
    }

    Operator.Union union(Span s) {
        Map<String, String> o = options(Set.of("kind", "withsource", "isfuzzy"));
        List<Expr> legs = new ArrayList<>();
        do {
            if (p.at(TokenKind.IDENT) && p.peek(1).kind() == TokenKind.LPAREN
                    && !p.atWord("database") && !p.atWord("cluster") && !p.atRemoteSource()) {
                legs.add(p.expression()); // a function or pattern call
            } else {
                legs.add(tableReference("a table or '(' in union"));
            }
        } while (p.accept(TokenKind.COMMA));
        return new Operator.Union(o, legs, p.spanFrom(s));
    }

    private Operator mvExpand(Span s) {
        Map<String, String> o = options(Set.of("kind", "bagexpansion", "with_itemindex"));
        boolean bagAsArray = "array".equals(o.get("kind")) || "array".equals(o.get("bagexpansion"));
        List<Operator.MvExpandItem> items = new ArrayList<>();
        do {
            Span is = p.peek().span();
            String name = null;
            if (p.at(TokenKind.IDENT) && p.peek(1).kind() == TokenKind.ASSIGN) {
                name = p.next().text();
                p.next();
            }
            Expr e = p.expression();
            String to = null;
            if (p.acceptWord("to")) {
                p.expectWord("typeof");
                p.expect(TokenKind.LPAREN, "'('");
                to = p.expect(TokenKind.IDENT, "a type name").text();
                p.expect(TokenKind.RPAREN, "')'");
            }
            if (bagAsArray) {
                // kind=array: a property bag expands into [key, value] arrays rather than one-key bags.
                e = new Expr.Call("__bag_to_pairs", List.of(e), e.span());
            }
            items.add(new Operator.MvExpandItem(name, e, to, p.spanFrom(is)));
        } while (p.accept(TokenKind.COMMA));
        Expr limit = null;
        if (p.acceptWord("limit")) {
            limit = p.expression();
        }
        return new Operator.MvExpand(items, o.get("with_itemindex"), limit, p.spanFrom(s));
    }

    private Operator mvApply(Span s) {
        Operator.MvExpand expand = (Operator.MvExpand) mvExpand(s);
        p.expectWord("on");
        p.expect(TokenKind.LPAREN, "'(' and the subquery");
        List<Operator> body = new ArrayList<>();
        p.enter();
        try {
            p.accept(TokenKind.PIPE);
            body.add(operator());
            while (p.accept(TokenKind.PIPE)) {
                body.add(operator());
            }
        } finally {
            p.leave();
        }
        p.expect(TokenKind.RPAREN, "')' to close the mv-apply subquery");
        return new Operator.MvApply(expand, body, p.spanFrom(s));
    }

    private Operator partition(Span s) {
        skipHints();
        p.expectWord("by");
        String column = p.columnName("the partition column");
        skipHints();
        if (p.accept(TokenKind.LBRACE)) {
            Expr source = p.pipeline();
            p.expect(TokenKind.RBRACE, "'}' to close the partition subquery");
            return new Operator.Partition(column, null, source, p.spanFrom(s));
        }
        p.expect(TokenKind.LPAREN, "'(' or '{' and the partition subquery");
        List<Operator> body = new ArrayList<>();
        p.enter();
        try {
            p.accept(TokenKind.PIPE);
            body.add(operator());
            while (p.accept(TokenKind.PIPE)) {
                body.add(operator());
            }
        } finally {
            p.leave();
        }
        p.expect(TokenKind.RPAREN, "')' to close the partition subquery");
        return new Operator.Partition(column, body, null, p.spanFrom(s));
    }

    private Operator render(Span s) {
        Token chart = p.expect(TokenKind.IDENT, "a chart kind");
        Map<String, String> props = new LinkedHashMap<>();
        legacyRenderProperties(props);
        if (p.acceptWord("with")) {
            p.expect(TokenKind.LPAREN, "'('");
            do {
                Token k = p.expect(TokenKind.IDENT, "a render property");
                p.expect(TokenKind.ASSIGN, "'='");
                StringBuilder v = new StringBuilder();
                while (!p.at(TokenKind.RPAREN) && !p.at(TokenKind.EOF)) {
                    if (p.at(TokenKind.COMMA)) {
                        // ycolumns=a, b and series=a, b list columns: a comma starts the next property only when a
                        // name and '=' follow it.
                        if (p.peek(1).kind() == TokenKind.IDENT && p.peek(2).kind() == TokenKind.ASSIGN) {
                            break;
                        }
                        p.next();
                        v.append(',');
                        continue;
                    }
                    if (v.length() > 0 && v.charAt(v.length() - 1) != ',') {
                        v.append(' ');
                    }
                    v.append(p.next().text());
                }
                props.put(k.text(), v.toString());
            } while (p.accept(TokenKind.COMMA));
            p.expect(TokenKind.RPAREN, "')'");
        }
        return new Operator.Render(chart.text(), props, p.spanFrom(s));
    }

    /**
     * The form before {@code with (...)}: {@code kind}, {@code title} and {@code accumulate} written straight after
     * the chart, the '=' optional, and {@code by} with column names. Kusto still accepts it and older queries use it.
     */
    private void legacyRenderProperties(Map<String, String> props) {
        while (true) {
            if ((p.atWord("kind") || p.atWord("title") || p.atWord("accumulate"))
                    && p.peek(1).kind() != TokenKind.PIPE && p.peek(1).kind() != TokenKind.EOF && p.peek(1).kind() != TokenKind.SEMI) {
                String k = p.next().text();
                p.accept(TokenKind.ASSIGN);
                props.put(k, p.next().text());
            } else if (p.atWord("by")) {
                p.next();
                List<String> names = new ArrayList<>();
                do {
                    names.add(p.columnName("a column name after render ... by"));
                } while (p.accept(TokenKind.COMMA));
                props.put("by", String.join(",", names));
            } else {
                return;
            }
        }
    }
}
