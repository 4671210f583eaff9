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
