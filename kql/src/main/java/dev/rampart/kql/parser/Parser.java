package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.diagnostics.Suggestions;
import dev.rampart.kql.lexer.Lexer;
import dev.rampart.kql.lexer.Token;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Hand-written recursive descent parser for the hunting dialect of KQL. */
public final class Parser {
    /** Deep nesting is never legitimate in a hunting query; the bound keeps hostile input off the stack. */
    private static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private int pos;
    private int depth;
    /** Above zero while a search or find predicate is read: there {@code Column:"term"} is a term of one column. */
    private int searchTerms;
    private final OperatorParser ops = new OperatorParser(this);

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Query parse(String text) {
        Parser p = new Parser(Lexer.tokenize(text));
        return p.query();
    }

    /**
     * A stored function as {@code (parameters) { body }}. Positions are those in the body's or the parameters' own
     * text, so an error points into the function as its author wrote it.
     */
    public static Expr.Lambda parseFunction(String parameters, String body) {
        List<Token> tokens = new ArrayList<>();
        for (Token t : withoutEof(Lexer.tokenize("(" + parameters + ")"))) {
            // Back to the parameter text's own columns (the parenthesis added in front shifts line 1 by one).
            Span sp = t.span();
            tokens.add(sp.line() != 1 || sp.column() == 1 ? t
                    : new Token(t.kind(), t.text(), new Span(sp.offset() - 1, 1, sp.column() - 1, sp.length()), t.spaceBefore()));
        }
        tokens.add(new Token(TokenKind.LBRACE, "{", Span.NONE, true));
        List<Token> inner = Lexer.tokenize(body);
        tokens.addAll(withoutEof(inner));
        Span end = inner.get(inner.size() - 1).span();
        Token close = new Token(TokenKind.RBRACE, "}", end, true);
        tokens.add(close);
        tokens.add(new Token(TokenKind.EOF, "", end, true));
        Parser p = new Parser(tokens);
        p.syntheticEnd = close;
        Expr.Lambda fn = p.lambda();
        if (!p.at(TokenKind.EOF)) {
            throw p.expected("the end of the function");
        }
        return fn;
    }

    private static List<Token> withoutEof(List<Token> tokens) {
        return tokens.subList(0, tokens.size() - 1);
    }

    // ---- token helpers -------------------------------------------------------------------------

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int k) {
        return tokens.get(Math.min(pos + k, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    boolean at(TokenKind k) {
        return peek().kind() == k;
    }

    boolean atWord(String w) {
        return peek().isWord(w);
    }

    boolean accept(TokenKind k) {
        if (at(k)) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptWord(String w) {
        if (atWord(w)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(TokenKind k, String what) {
        if (!at(k)) {
            throw expected(what);
        }
        return next();
    }

    void expectWord(String w) {
        if (!atWord(w)) {
            throw expected("'" + w + "'");
        }
        next();
    }

    KqlException expected(String what) {
        Token t = peek();
        return KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Expected " + what + " but found "
                + (t == syntheticEnd ? "the end of the function" : describe(t)));
    }

    /** The closing brace {@link #parseFunction} adds after a stored body: not a character its author wrote. */
    private Token syntheticEnd;

    static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "end of query";
            case STRING -> "a string literal";
            case LONG, REAL -> "number " + t.text();
            case TIMESPAN -> "timespan " + t.text();
            case IDENT -> "'" + t.text() + "'";
            default -> "'" + t.text() + "'";
        };
    }

    Span spanFrom(Span start) {
        Token prev = tokens.get(Math.max(pos - 1, 0));
        return start.to(prev.span());
    }

    void enter() {
        if (++depth > MAX_DEPTH) {
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, peek().span(), "Query is nested too deeply");
        }
    }

    void leave() {
        depth--;
    }

    // ---- statements -----------------------------------------------------------------------------

    private Query query() {
        Span start = peek().span();
        List<Query.Let> lets = new ArrayList<>();
        List<Expr> others = new ArrayList<>();
        List<Query.Setting> settings = new ArrayList<>();
        List<Expr.Param> parameters = new ArrayList<>();
        Expr body = null;
        dev.rampart.kql.ast.Restriction restriction = null;
        while (!at(TokenKind.EOF)) {
            if (accept(TokenKind.SEMI)) {
                continue;
            }
            if (atWord("let")) {
                lets.add(let());
            } else if (atWord("set") && peek(1).kind() == TokenKind.IDENT) {
                settings.add(StatementParser.set(this, body == null));
            } else if (atWord("restrict") && peek(1).isWord("access")) {
                if (restriction != null || body != null) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, peek().span(),
                            "A query takes one restrict statement, before its tabular expression");
                }
                restriction = StatementParser.restrict(this);
            } else if (atWord("declare") && peek(1).isWord("pattern")) {
                lets.add(PatternParser.declaration(this));
            } else if (StatementParser.atQueryParameters(this)) {
                parameters.addAll(StatementParser.queryParameters(this));
            } else if (atWord("declare")) {
                throw KqlException.unsupported(peek().span(), "stmt:declare", "The 'declare' statement");
            } else {
                rejectStatementFragment();
                Expr result = pipeline();
                if (body == null) {
                    body = result;
                } else {
                    others.add(result);
                }
                if (!at(TokenKind.EOF) && !at(TokenKind.SEMI)) {
                    throw unterminatedStatement();
                }
            }
        }
        if (body == null) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, peek().span(), "Expected a tabular expression but found " + describe(peek()));
        }
        return new Query(lets, body, List.copyOf(others), List.copyOf(settings), List.copyOf(parameters), restriction, spanFrom(start));
    }

    /**
     * Snippets copied out of a longer query (a lone {@code | where ...} line, or {@code invoke FileProfile()} from a
     * function's syntax box) would otherwise get a bare "expected an expression" at the pipe; say what is missing.
     */
    private void rejectStatementFragment() {
        if (at(TokenKind.PIPE)) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, peek().span(), "A query cannot start with '|'",
                    "This looks like part of a longer query: begin with the table it filters, e.g. DeviceEvents | where ...");
        }
        if (atWord("invoke") && peek(1).kind() == TokenKind.IDENT && peek(2).kind() == TokenKind.LPAREN) {
            String fn = peek(1).text();
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, peek().span(), "'invoke " + fn + "()' needs a table to work on",
                    "Pipe a table into it: TableName | invoke " + fn + "()");
        }
    }

    /**
     * The Defender editor runs the query under the cursor, so pasted pages often hold several queries with only a
     * blank line between them; when the stray token opens a new line, point at the missing separator.
     */
    private KqlException unterminatedStatement() {
        KqlException plain = expected("'|' or ';'");
        Token t = peek();
        if (pos == 0 || t.kind() != TokenKind.IDENT || t.span().line() <= tokens.get(pos - 1).span().line()) {
            return plain;
        }
        return KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Expected '|' or ';' but found " + describe(t),
                "A new query seems to start on this line: end the one before with ';' or run each query on its own.");
    }

    private Query.Let let() {
        Span start = next().span();
        if (!at(TokenKind.IDENT) && !(at(TokenKind.LBRACKET) && peek(1).kind() == TokenKind.STRING)) {
            throw expected("a name after 'let'");
        }
        Token name = new Token(TokenKind.IDENT, columnName("a name after 'let'"), start, false);
        expect(TokenKind.ASSIGN, "'='");
        if (at(TokenKind.LPAREN) && looksLikeLambda()) {
            Expr.Lambda fn = lambda();
            if (!at(TokenKind.EOF) && !at(TokenKind.RBRACE)) {
                expect(TokenKind.SEMI, "';' after the let statement");
            }
            return new Query.Let(name.text(), fn, spanFrom(start));
        }
        if (atWord("view") && peek(1).kind() == TokenKind.LPAREN) {
            // A view without parameters or lets is its body: the name then reads those rows, like a tabular let.
            // One with either is bound as a function, so its lets stay inside it and a bare name calls it when every
            // parameter has a default ('union *' still finds it: a wildcard matches tabular lets callable by name).
            next();
            Expr.Lambda fn = lambda();
            if (!at(TokenKind.EOF) && !at(TokenKind.RBRACE)) {
                expect(TokenKind.SEMI, "';' after the let statement");
            }
            if (!fn.params().isEmpty() || !fn.lets().isEmpty()) {
                return new Query.Let(name.text(), fn, true, spanFrom(start));
            }
            return new Query.Let(name.text(), fn.body(), true, spanFrom(start));
        }
        Expr value = pipeline();
        if (!at(TokenKind.EOF) && !at(TokenKind.RBRACE)) {
            expect(TokenKind.SEMI, "';' after the let statement");
        }
        return new Query.Let(name.text(), value, spanFrom(start));
    }

    private Expr.Lambda lambda() {
        Span start = next().span();
        List<Expr.Param> params = new ArrayList<>();
        if (!at(TokenKind.RPAREN)) {
            do {
                Span ps = peek().span();
                String pname = expect(TokenKind.IDENT, "a parameter name").text();
                expect(TokenKind.COLON, "':' and the parameter type");
                String type;
                StringBuilder schema = null;
                if (at(TokenKind.LPAREN)) {
                    int depth0 = 0;
                    schema = new StringBuilder();
                    do {
                        if (at(TokenKind.LPAREN)) {
                            depth0++;
                        } else if (at(TokenKind.RPAREN)) {
                            depth0--;
                        } else if (at(TokenKind.EOF)) {
                            throw expected("')'");
                        }
                        Token t = next();
                        if (depth0 > 0 && !(depth0 == 1 && t.kind() == TokenKind.LPAREN && schema.length() == 0)) {
                            schema.append(t.kind() == TokenKind.COMMA ? ", " : t.text());
                        }
                    } while (depth0 > 0);
                    type = "table";
                } else {
                    type = expect(TokenKind.IDENT, "a type name").text();
                }
                Expr def = null;
                if (accept(TokenKind.ASSIGN)) {
                    def = expression();
                }
                params.add(new Expr.Param(pname, type, def, spanFrom(ps), schema == null ? null : schema.toString().strip()));
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.RPAREN, "')' after the parameters");
        expect(TokenKind.LBRACE, "'{' and the function body");
        List<Query.Let> lets = new ArrayList<>();
        Expr body = null;
        while (!at(TokenKind.RBRACE)) {
            if (accept(TokenKind.SEMI)) {
                continue;
            }
            if (atWord("let")) {
                lets.add(let());
            } else {
                if (body != null) {
                    throw expected("'}'");
                }
                body = pipeline();
            }
        }
        expect(TokenKind.RBRACE, "'}'");
        if (body == null) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, start, "The function body has no result expression");
        }
        return new Expr.Lambda(params, lets, body, spanFrom(start));
    }

    private boolean looksLikeLambda() {
        // "(" ")" "{"  or  "(" ident ":" ...
        Token a = peek(1);
        Token b = peek(2);
        return (a.kind() == TokenKind.RPAREN && b.kind() == TokenKind.LBRACE)
                || (a.kind() == TokenKind.IDENT && b.kind() == TokenKind.COLON);
    }

    // ---- tabular -------------------------------------------------------------------------------

    /** expr ('|' operator)* — used wherever a tabular expression may appear. */
    Expr pipeline() {
        enter();
        try {
            Span start = peek().span();
            Expr e;
            if (atWord("range") && peek(1).kind() == TokenKind.IDENT && peek(2).isWord("from")) {
                next();
                String name = next().text();
                next();
                Expr from = expression();
                expectWord("to");
                Expr to = expression();
                expectWord("step");
                Expr step = expression();
                e = new Expr.Range(name, from, to, step, spanFrom(start));
            } else if (atWord("print") && peek(1).kind() != TokenKind.PIPE && peek(1).kind() != TokenKind.EOF) {
                next();
                e = new Expr.Print(ops.assignments(), spanFrom(start));
            } else if ((atWord("search") || atWord("find")) && peek(1).kind() != TokenKind.PIPE && peek(1).kind() != TokenKind.EOF) {
                e = ops.searchSource(next());
            } else if (atWord("union")) {
                Operator.Union u = ops.union(next().span());
                e = new Expr.UnionSource(u, spanFrom(start));
            } else if (atRemoteSource()) {
                throw remoteSource();
            } else if (peek().kind() == TokenKind.IDENT && SOURCE_OPERATORS.contains(peek().text())
                    && peek(1).kind() == TokenKind.IDENT) {
                // Only "evaluate plugin", "range x ..." read as the operator; otherwise these are column names
                // (extend range = range(...) | summarize by bin(range, 1d)).
                Token t = peek();
                throw KqlException.unsupported(t.span(), "op:" + t.text(), "The '" + t.text() + "' operator");
            } else {
                e = expression();
            }
            while (accept(TokenKind.PIPE)) {
                Operator op = ops.operator();
                e = new Expr.Pipe(e, op, spanFrom(start));
            }
            return e;
        } finally {
            leave();
        }
    }

    private static final Set<String> SOURCE_OPERATORS = Set.of(
            "evaluate", "range", "print", "cluster", "database");

    /** Functions that name data held elsewhere: cluster('c').database('d').T, workspace('w').T, adx('uri').T, arg('').T. */
    private static final Set<String> REMOTE_SOURCES = Set.of("cluster", "database", "workspace", "app", "adx", "arg");

    /** A remote-source call followed by '.', so that a column or function of the same name still parses. */
    boolean atRemoteSource() {
        if (peek().kind() != TokenKind.IDENT || !REMOTE_SOURCES.contains(peek().text()) || peek(1).kind() != TokenKind.LPAREN) {
            return false;
        }
        int depth = 0;
        for (int i = pos + 1; i < tokens.size(); i++) {
            TokenKind k = tokens.get(i).kind();
            if (k == TokenKind.LPAREN) {
                depth++;
            } else if (k == TokenKind.RPAREN && --depth == 0) {
                return i + 1 < tokens.size() && tokens.get(i + 1).kind() == TokenKind.DOT;
            } else if (k == TokenKind.EOF) {
                return false;
            }
        }
        return false;
    }

    // Sentinel's advanced hunting forwards adx()/arg()/workspace() to other services; this store holds only its own tables.
    KqlException remoteSource() {
        Token t = peek();
        String source = t.isWord("cluster") || t.isWord("database") ? "another database or cluster" : "data behind " + t.text() + "()";
        return KqlException.cannot(t.span(), "cross-database", "Only the schema's own tables can be read, not " + source,
                "Name the tables, or a wildcard such as Device*.");
    }

    // ---- scalar expressions --------------------------------------------------------------------

    Expr expression() {
        enter();
        try {
            return or();
        } finally {
            leave();
        }
    }

    private Expr or() {
        Expr left = and();
        while (atWord("or")) {
            next();
            Expr right = and();
            left = new Expr.Binary("or", left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr and() {
        Expr left = comparison();
        while (atWord("and")) {
            next();
            Expr right = comparison();
            left = new Expr.Binary("and", left, right, left.span().to(right.span()));
        }
        return left;
    }

    private static final Set<String> STRING_OPS = Set.of(
            "has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs",
            "contains", "contains_cs", "startswith", "startswith_cs", "endswith", "endswith_cs", "like", "like_cs");

    /** Older spellings Kusto still accepts for string operators, with the operator each one stands for. */
    private static final java.util.Map<String, String> LEGACY_STRING_OPS = java.util.Map.of(
            "notcontains", "!contains", "notcontainscs", "!contains_cs", "containscs", "contains_cs",
            "likecs", "like_cs", "notlike", "!like", "notlikecs", "!like_cs");

    /** A search or find predicate: like any expression, plus {@code Column:"term"}. */
    Expr searchPredicate() {
        searchTerms++;
        try {
            return expression();
        } finally {
            searchTerms--;
        }
    }

    private Expr comparison() {
        Expr left = comparisonOperand();
        while (true) {
            Token t = peek();
            String op = null;
            boolean negated = false;
            int width = 1;
            if (t.kind() == TokenKind.BANG && peek(1).kind() == TokenKind.IDENT && !peek(1).spaceBefore()) {
                negated = true;
                width = 2;
                t = peek(1);
            }
            switch (t.kind()) {
                case EQ, NEQ, EQ_TILDE, NEQ_TILDE, LT, LE, GT, GE -> {
                    if (!negated) {
                        op = t.kind() == TokenKind.NEQ ? "!=" : t.text();
                    }
                }
                case ASSIGN -> {
                    // Kusto accepts a single '=' as equality inside expressions.
                    if (!negated) {
                        op = "==";
                    }
                }
                case IDENT -> {
                    String w = t.text();
                    if (STRING_OPS.contains(w)) {
                        op = (negated ? "!" : "") + w;
                    } else if (LEGACY_STRING_OPS.containsKey(w) && !negated) {
                        op = LEGACY_STRING_OPS.get(w);
                    } else if (w.equals("in") || w.equals("in~") || w.equals("has_any") || w.equals("has_all")) {
                        return inList(left, negated, width);
                    } else if (w.equals("between")) {
                        return between(left, negated, width);
                    } else if (w.equals("matches") && !negated) {
                        op = "matches regex";
                    }
                }
                default -> {
                }
            }
            if (op == null) {
                return left;
            }
            for (int i = 0; i < width; i++) {
                next();
            }
            if (op.equals("matches regex")) {
                expectWord("regex");
            }
            Expr right = additive();
            left = new Expr.Binary(op, left, right, left.span().to(right.span()));
        }
    }

    /** At {@code * has ...}: '*' as the operand of a string operator rather than count(*)'s star. */
    boolean atStarTerm() {
        return at(TokenKind.STAR) && peek(1).kind() == TokenKind.IDENT
                && (STRING_OPS.contains(peek(1).text()) || peek(1).isWord("matches"));
    }

    /**
     * {@code * has "x"} tests every string column, so '*' is an operand only before a string operator;
     * {@code Column:"x"} (search and find only) tests one column the way a bare term tests all of them.
     */
    private Expr comparisonOperand() {
        if (atStarTerm()) {
            return new Expr.Star(next().span());
        }
        if (at(TokenKind.STAR)) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, peek().span(), "Expected an expression but found '*'",
                    "'*' stands for every string column only before a string operator: * has \"x\", * contains \"x\".");
        }
        if (searchTerms > 0 && at(TokenKind.IDENT) && peek(1).kind() == TokenKind.COLON) {
            Token column = next();
            next();
            Token term = expect(TokenKind.STRING, "a string term after '" + column.text() + ":'");
            return new Expr.Binary(":", new Expr.Name(column.text(), column.span()),
                    new Expr.Literal(term.text(), Expr.LiteralKind.STRING, term.span()), column.span().to(term.span()));
        }
        return additive();
    }

    private Expr inList(Expr left, boolean negated, int width) {
        for (int i = 0; i < width; i++) {
            next();
        }
        Token kw = tokens.get(pos - 1);
        String op = (negated ? "!" : "") + kw.text();
        expect(TokenKind.LPAREN, "'(' after '" + op + "'");
        List<Expr> items = new ArrayList<>();
        if (!at(TokenKind.RPAREN)) {
            do {
                items.add(pipeline());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.RPAREN, "')' to close the list");
        return new Expr.InList(op, left, items, spanFrom(left.span()));
    }

    private Expr between(Expr left, boolean negated, int width) {
        for (int i = 0; i < width; i++) {
            next();
        }
        expect(TokenKind.LPAREN, "'(' after 'between'");
        Expr lo = additive();
        expect(TokenKind.DOTDOT, "'..' in the between range");
        Expr hi = additive();
        expect(TokenKind.RPAREN, "')' to close the between range");
        return new Expr.Between(left, lo, hi, negated, spanFrom(left.span()));
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (at(TokenKind.PLUS) || at(TokenKind.MINUS)) {
            String op = next().text();
            Expr right = multiplicative();
            left = new Expr.Binary(op, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (at(TokenKind.STAR) || at(TokenKind.SLASH) || at(TokenKind.PERCENT)) {
            String op = next().text();
            Expr right = unary();
            left = new Expr.Binary(op, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr unary() {
        if (at(TokenKind.MINUS) || at(TokenKind.PLUS)) {
            Token t = next();
            enter();
            try {
                Expr operand = unary();
                if (t.kind() == TokenKind.PLUS) {
                    return operand;
                }
                if (operand instanceof Expr.Literal l && l.value() instanceof Long v) {
                    return new Expr.Literal(-v, l.kind(), t.span().to(l.span()));
                }
                if (operand instanceof Expr.Literal l && l.value() instanceof Double v) {
                    return new Expr.Literal(-v, l.kind(), t.span().to(l.span()));
                }
                if (operand instanceof Expr.Literal l && l.value() instanceof Expr.Timespan v) {
                    return new Expr.Literal(new Expr.Timespan(-v.micros()), l.kind(), t.span().to(l.span()));
                }
                return new Expr.Unary("-", operand, t.span().to(operand.span()));
            } finally {
                leave();
            }
        }
        return postfix(ExprParser.primary(this));
    }

    private Expr postfix(Expr e) {
        while (true) {
            if (at(TokenKind.DOT) && (peek(1).kind() == TokenKind.IDENT || peek(1).kind() == TokenKind.LBRACKET)) {
                next();
                if (at(TokenKind.LBRACKET)) {
                    e = bracketIndex(e);
                    continue;
                }
                Token n = next();
                e = new Expr.Member(e, n.text(), e.span().to(n.span()));
            } else if (at(TokenKind.LBRACKET)) {
                e = bracketIndex(e);
            } else {
                return e;
            }
        }
    }

    private Expr bracketIndex(Expr target) {
        next();
        Expr idx = expression();
        Token close = expect(TokenKind.RBRACKET, "']'");
        if (idx instanceof Expr.Literal l && l.value() instanceof String s) {
            return new Expr.Member(target, s, target.span().to(close.span()));
        }
        return new Expr.Index(target, idx, target.span().to(close.span()));
    }

    /** A column name: identifier or ['bracketed name']. */
    String columnName(String what) {
        if (at(TokenKind.LBRACKET) && peek(1).kind() == TokenKind.STRING) {
            next();
            String n = next().text();
            expect(TokenKind.RBRACKET, "']'");
            return n;
        }
        if (!at(TokenKind.IDENT)) {
            throw expected(what);
        }
        return next().text();
    }

    KqlException unknownOperator(Token t, List<String> known) {
        return KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Unknown operator '" + t.text() + "'",
                Suggestions.didYouMean(t.text(), known));
    }
}
