package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.TimespanUnits;
import dev.rampart.kql.lexer.Token;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Primary expressions: literals, names, calls, dynamic(...) and datatable(...). */
final class ExprParser {
    private static final Set<String> TYPED_LITERALS = Set.of(
            "bool", "boolean", "long", "int", "real", "double", "decimal", "guid", "string");

    private ExprParser() {
    }

    static Expr primary(Parser p) {
        Token t = p.peek();
        switch (t.kind()) {
            case STRING -> {
                p.next();
                // Adjacent string literals are one string in KQL: 'a' 'b' is 'ab'.
                StringBuilder text = new StringBuilder(t.text());
                while (p.at(TokenKind.STRING)) {
                    text.append(p.next().text());
                }
                return new Expr.Literal(text.toString(), Expr.LiteralKind.STRING, p.spanFrom(t.span()));
            }
            case LONG -> {
                p.next();
                return longLiteral(t);
            }
            case REAL -> {
                p.next();
                return new Expr.Literal(Double.parseDouble(t.text()), Expr.LiteralKind.REAL, t.span());
            }
            case TIMESPAN -> {
                p.next();
                return new Expr.Literal(new Expr.Timespan(TimespanUnits.parse(t.text())), Expr.LiteralKind.TIMESPAN, t.span());
            }
            case DATETIME_LITERAL -> {
                p.next();
                return rawLiteral(t);
            }
            case LBRACKET -> {
                if (p.peek(1).kind() == TokenKind.STRING && p.peek(2).kind() == TokenKind.RBRACKET) {
                    p.next();
                    String n = p.next().text();
                    p.next();
                    return new Expr.Name(n, p.spanFrom(t.span()));
                }
                throw p.expected("an expression");
            }
            case LPAREN -> {
                p.next();
                Expr inner = p.pipeline();
                if (p.at(TokenKind.COMMA)) {
                    throw KqlException.unsupported(p.peek().span(), "syn:tuple", "A parenthesized list of values");
                }
                p.expect(TokenKind.RPAREN, "')'");
                return inner;
            }
            case IDENT -> {
                return identifier(p, t);
            }
            default -> throw p.expected("an expression");
        }
    }

    private static Expr longLiteral(Token t) {
        try {
            return new Expr.Literal(Long.parseLong(t.text()), Expr.LiteralKind.LONG, t.span());
        } catch (NumberFormatException e) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Number " + t.text() + " is out of range for a long");
        }
    }

    private static Expr identifier(Parser p, Token t) {
        String w = t.text();
        boolean call = p.peek(1).kind() == TokenKind.LPAREN;
        if (!call) {
            p.next();
            return switch (w) {
                case "true" -> new Expr.Literal(Boolean.TRUE, Expr.LiteralKind.BOOL, t.span());
                case "false" -> new Expr.Literal(Boolean.FALSE, Expr.LiteralKind.BOOL, t.span());
                default -> new Expr.Name(w, t.span());
            };
        }
        switch (w) {
            case "dynamic" -> {
                p.next();
                p.next();
                Object v = json(p);
                p.expect(TokenKind.RPAREN, "')' to close dynamic(...)");
                return new Expr.Literal(v, Expr.LiteralKind.DYNAMIC, p.spanFrom(t.span()));
            }
            case "datatable" -> {
                return dataTable(p);
            }
            case "externaldata", "external_data" -> {
                return externalData(p);
            }
            case "typeof" -> {
                p.next();
                p.next();
                Token ty = p.expect(TokenKind.IDENT, "a type name");
                p.expect(TokenKind.RPAREN, "')'");
                return new Expr.TypeOf(ty.text(), p.spanFrom(t.span()));
            }
            default -> {
            }
        }
        if (TYPED_LITERALS.contains(w) && isLiteralInside(p)) {
            return typedLiteral(p, t);
        }
        p.next();
        p.next();
        List<Expr> args = new ArrayList<>();
        if (!p.at(TokenKind.RPAREN)) {
            do {
                if (p.at(TokenKind.STAR) && !p.atStarTerm()) {
                    args.add(new Expr.Star(p.next().span()));
                } else if (p.at(TokenKind.IDENT) && p.peek(1).kind() == TokenKind.ASSIGN) {
                    Token n = p.next();
                    p.next();
                    Expr v = p.pipeline();
                    args.add(new Expr.NamedArg(n.text(), v, n.span().to(v.span())));
                } else {
                    args.add(p.pipeline());
                }
            } while (p.accept(TokenKind.COMMA));
        }
        p.expect(TokenKind.RPAREN, "')' to close the call to " + w + "()");
        return new Expr.Call(w, args, p.spanFrom(t.span()));
    }

    private static boolean isLiteralInside(Parser p) {
        Token a = p.peek(2);
        Token b = p.peek(3);
        if (a.kind() == TokenKind.MINUS || a.kind() == TokenKind.PLUS) {
            a = b;
            b = p.peek(4);
        }
        boolean special = (a.isWord("nan") || a.isWord("inf")) && Set.of("real", "double").contains(p.peek().text());
        return b.kind() == TokenKind.RPAREN && (a.kind() == TokenKind.LONG || a.kind() == TokenKind.REAL || special
                || a.kind() == TokenKind.STRING || a.isWord("null") || a.isWord("true") || a.isWord("false"));
    }

    private static Expr typedLiteral(Parser p, Token t) {
        p.next();
        p.next();
        boolean neg = p.accept(TokenKind.MINUS);
        if (!neg) {
            p.accept(TokenKind.PLUS);
        }
        Token v = p.next();
        p.expect(TokenKind.RPAREN, "')'");
        Span span = p.spanFrom(t.span());
        if (v.isWord("null")) {
            return new Expr.Call("__typed_null", List.of(new Expr.TypeOf(t.text(), span)), span);
        }
        String text = (neg ? "-" : "") + v.text();
        try {
            return switch (t.text()) {
                case "bool", "boolean" -> new Expr.Literal(text.equals("true") || text.equals("1"), Expr.LiteralKind.BOOL, span);
                case "long" -> new Expr.Literal(Long.parseLong(text), Expr.LiteralKind.LONG, span);
                case "int" -> new Expr.Literal(Long.parseLong(text), Expr.LiteralKind.INT, span);
                case "real", "double", "decimal" -> new Expr.Literal(realLiteral(text), Expr.LiteralKind.REAL, span);
                case "guid" -> new Expr.Literal(text, Expr.LiteralKind.GUID, span);
                default -> new Expr.Literal(text, Expr.LiteralKind.STRING, span);
            };
        } catch (NumberFormatException e) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Malformed " + t.text() + " literal");
        }
    }

    /** Kusto spells the special reals real(nan), real(+inf) and real(-inf); Java wants NaN and Infinity. */
    private static double realLiteral(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static Expr rawLiteral(Token t) {
        int colon = t.text().indexOf(':');
        String kind = t.text().substring(0, colon);
        String inner = t.text().substring(colon + 1);
        if (inner.equals("null")) {
            return new Expr.Call("__typed_null", List.of(new Expr.TypeOf(kind, t.span())), t.span());
        }
        if (kind.equals("datetime")) {
            return new Expr.Literal(new Expr.DateTimeText(inner), Expr.LiteralKind.DATETIME, t.span());
        }
        if (kind.equals("guid")) {
            // Kept as written: a guid's hex groups would otherwise lex as numbers and timespans.
            return new Expr.Literal(inner, Expr.LiteralKind.GUID, t.span());
        }
        Long micros = TimespanText.parse(inner);
        if (micros == null) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Malformed timespan literal '" + inner + "'");
        }
        return new Expr.Literal(new Expr.Timespan(micros), Expr.LiteralKind.TIMESPAN, t.span());
    }

    /** The JSON-like body of dynamic(...): KQL also allows single quotes and bare keys. */
    private static Object json(Parser p) {
        p.enter();
        try {
            Token t = p.next();
            switch (t.kind()) {
                case STRING: {
                    // Adjacent string literals join inside dynamic(...) too, comments between them included.
                    StringBuilder text = new StringBuilder(t.text());
                    while (p.at(TokenKind.STRING)) {
                        text.append(p.next().text());
                    }
                    return text.toString();
                }
                case LONG:
                    return Long.parseLong(t.text());
                case REAL:
                    return Double.parseDouble(t.text());
                case MINUS: {
                    Token n = p.next();
                    if (n.kind() == TokenKind.LONG) {
                        return -Long.parseLong(n.text());
                    }
                    if (n.kind() == TokenKind.REAL) {
                        return -Double.parseDouble(n.text());
                    }
                    if (n.kind() == TokenKind.TIMESPAN) {
                        return DynamicScalars.timespan(-TimespanUnits.parse(n.text()));
                    }
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, n.span(), "Expected a number after '-' in dynamic(...)");
                }
                case DATETIME_LITERAL:
                    return DynamicScalars.value(t);
                case TIMESPAN:
                    return DynamicScalars.timespan(TimespanUnits.parse(t.text()));
                case IDENT:
                    if (t.text().equals("dynamic") && p.at(TokenKind.LPAREN)) {
                        // A nested dynamic(...) is just its value.
                        p.next();
                        Object inner = json(p);
                        p.expect(TokenKind.RPAREN, "')' to close dynamic(...)");
                        return inner;
                    }
                    if (t.text().equals("true")) {
                        return Boolean.TRUE;
                    }
                    if (t.text().equals("false")) {
                        return Boolean.FALSE;
                    }
                    if (t.text().equals("null")) {
                        return null;
                    }
                    break;
                case LBRACKET: {
                    List<Object> items = new ArrayList<>();
                    if (!p.accept(TokenKind.RBRACKET)) {
                        do {
                            if (p.at(TokenKind.RBRACKET)) {
                                break; // tolerate a trailing comma, as Kusto does
                            }
                            items.add(json(p));
                        } while (p.accept(TokenKind.COMMA));
                        p.expect(TokenKind.RBRACKET, "']' or ','");
                    }
                    return items;
                }
                case LBRACE: {
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (!p.accept(TokenKind.RBRACE)) {
                        do {
                            Token k = p.next();
                            if (k.kind() != TokenKind.STRING && k.kind() != TokenKind.IDENT) {
                                throw KqlException.at(ErrorCode.SYNTAX_ERROR, k.span(), "Expected a property name but found " + Parser.describe(k));
                            }
                            p.expect(TokenKind.COLON, "':'");
                            m.put(k.text(), json(p));
                        } while (p.accept(TokenKind.COMMA));
                        p.expect(TokenKind.RBRACE, "'}' or ','");
                    }
                    return m;
                }
                default:
                    break;
            }
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Expected a dynamic value but found " + Parser.describe(t));
        } finally {
            p.leave();
        }
    }

    private static List<Expr.ColumnDecl> columnDecls(Parser p) {
        p.expect(TokenKind.LPAREN, "'('");
        List<Expr.ColumnDecl> cols = new ArrayList<>();
        do {
            Span cs = p.peek().span();
            String name = p.columnName("a column name");
            p.expect(TokenKind.COLON, "':' and a type");
            Token ty = p.expect(TokenKind.IDENT, "a type name");
            cols.add(new Expr.ColumnDecl(name, ty.text(), p.spanFrom(cs)));
        } while (p.accept(TokenKind.COMMA));
        p.expect(TokenKind.RPAREN, "')'");
        return cols;
    }

    /** externaldata (A:string, ...) [ "uri", ... ] with (format="csv", ignoreFirstRecord=true) */
    private static Expr externalData(Parser p) {
        Span start = p.next().span();
        List<Expr.ColumnDecl> cols = columnDecls(p);
        p.expect(TokenKind.LBRACKET, "'[' and the URLs to read");
        List<Expr> uris = new ArrayList<>();
        do {
            if (p.at(TokenKind.RBRACKET)) {
                break;
            }
            uris.add(p.expression());
        } while (p.accept(TokenKind.COMMA));
        p.expect(TokenKind.RBRACKET, "']' or ','");
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        if (p.acceptWord("with")) {
            p.expect(TokenKind.LPAREN, "'(' and the options");
            if (!p.at(TokenKind.RPAREN)) {
                do {
                    String key = p.expect(TokenKind.IDENT, "an option name").text();
                    p.expect(TokenKind.ASSIGN, "'=' after " + key);
                    Token v = p.next();
                    if (v.kind() == TokenKind.EOF) {
                        throw p.expected("the value of " + key);
                    }
                    options.put(key, v.text());
                } while (p.accept(TokenKind.COMMA));
            }
            p.expect(TokenKind.RPAREN, "')' to close the options");
        }
        return new Expr.ExternalData(cols, uris, options, p.spanFrom(start));
    }

    private static Expr dataTable(Parser p) {
        Span start = p.next().span();
        List<Expr.ColumnDecl> cols = columnDecls(p);
        p.expect(TokenKind.LBRACKET, "'[' and the values");
        List<Expr> values = new ArrayList<>();
        if (!p.at(TokenKind.RBRACKET)) {
            do {
                if (p.at(TokenKind.RBRACKET)) {
                    break;
                }
                values.add(p.expression());
            } while (p.accept(TokenKind.COMMA));
        }
        p.expect(TokenKind.RBRACKET, "']' or ','");
        return new Expr.DataTable(cols, values, p.spanFrom(start));
    }
}
