package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.Token;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;

/** The statements that configure a query rather than compute rows: set and declare query_parameters. */
final class StatementParser {
    private StatementParser() {
    }

    /** {@code set OptionName [= OptionValue]} (set-statement.md). */
    static Query.Setting set(Parser p, boolean beforeResult) {
        Span start = p.next().span();
        Token name = p.expect(TokenKind.IDENT, "the request property's name after 'set'");
        Expr value = p.accept(TokenKind.ASSIGN) ? p.expression() : null;
        Span span = p.spanFrom(start);
        endOfStatement(p, "set");
        return new Query.Setting(name.text(), value, name.span(), span, beforeResult);
    }

    /** {@code declare query_parameters(Name:Type [= Default], ...)} (query-parameters-statement.md). */
    static List<Expr.Param> queryParameters(Parser p) {
        p.next();
        p.next();
        p.expect(TokenKind.LPAREN, "'(' and the query parameters");
        List<Expr.Param> params = new ArrayList<>();
        if (!p.at(TokenKind.RPAREN)) {
            do {
                Span ps = p.peek().span();
                String name = p.columnName("a parameter name");
                p.expect(TokenKind.COLON, "':' and the parameter type");
                String type = p.expect(TokenKind.IDENT, "a scalar type name").text();
                Expr def = p.accept(TokenKind.ASSIGN) ? p.expression() : null;
                params.add(new Expr.Param(name, type, def, p.spanFrom(ps)));
            } while (p.accept(TokenKind.COMMA));
        }
        p.expect(TokenKind.RPAREN, "')' after the query parameters");
        endOfStatement(p, "query parameters declaration");
        return params;
    }

    /**
     * {@code restrict access to (EntitySpecifiers)} (restrict-statement.md): names or wildcard patterns of lets, or
     * {@code database().Name} for tables of the current database. Another database's entities cannot be named here.
     */
    static dev.rampart.kql.ast.Restriction restrict(Parser p) {
        Span start = p.next().span();
        p.next();
        if (!p.atWord("to")) {
            throw p.expected("'to' after 'restrict access'");
        }
        p.next();
        p.expect(TokenKind.LPAREN, "'(' and the entities the query may read");
        List<String> lets = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        do {
            if (p.atWord("database") && p.peek(1).kind() == TokenKind.LPAREN) {
                Token db = p.next();
                p.next();
                if (!p.at(TokenKind.RPAREN)) {
                    throw KqlException.unsupported(db.span(), "restrict:database", "Restricting access to another database's entities");
                }
                p.next();
                p.expect(TokenKind.DOT, "'.' and a table name after database()");
                tables.add(pattern(p));
            } else {
                lets.add(pattern(p));
            }
        } while (p.accept(TokenKind.COMMA));
        p.expect(TokenKind.RPAREN, "')' after the entities");
        Span span = p.spanFrom(start);
        endOfStatement(p, "restrict");
        return new dev.rampart.kql.ast.Restriction(lets, tables, span);
    }

    /** A name with '*' wildcards, written as adjacent name and '*' tokens (Test*, *). */
    private static String pattern(Parser p) {
        StringBuilder b = new StringBuilder();
        int end = -1;
        while ((p.at(TokenKind.IDENT) || p.at(TokenKind.STAR)) && (end < 0 || p.peek().span().offset() == end)) {
            Token t = p.next();
            b.append(t.kind() == TokenKind.STAR ? "*" : t.text());
            end = t.span().offset() + t.span().length();
        }
        if (b.isEmpty()) {
            throw p.expected("a table, view or let name");
        }
        return b.toString();
    }

    private static void endOfStatement(Parser p, String what) {
        if (!p.at(TokenKind.EOF)) {
            p.expect(TokenKind.SEMI, "';' after the " + what + " statement");
        }
    }

    /** Whether the next tokens start {@code declare query_parameters(}. */
    static boolean atQueryParameters(Parser p) {
        return p.atWord("declare") && p.peek(1).isWord("query_parameters");
    }
}
