package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;

/** {@code declare pattern} statements, bound like a let so later statements can call the pattern. */
final class PatternParser {
    private PatternParser() {
    }

    static Query.Let declaration(Parser p) {
        Span start = p.next().span();
        p.next();
        String name = p.columnName("the pattern name");
        if (!p.accept(TokenKind.ASSIGN)) {
            // A pattern declared without rules is filled in by the caller of the query, which a compiler cannot know.
            throw KqlException.unsupported(p.spanFrom(start), "stmt:declare-pattern:external", "A pattern declared without its rules");
        }
        p.expect(TokenKind.LPAREN, "'(' and the pattern parameters");
        List<Expr.Param> params = new ArrayList<>();
        if (!p.at(TokenKind.RPAREN)) {
            do {
                params.add(param(p));
            } while (p.accept(TokenKind.COMMA));
        }
        p.expect(TokenKind.RPAREN, "')' after the pattern parameters");
        Expr.Param path = null;
        if (p.accept(TokenKind.LBRACKET)) {
            path = param(p);
            p.expect(TokenKind.RBRACKET, "']' after the path parameter");
        }
        p.expect(TokenKind.LBRACE, "'{' and the pattern rules");
        List<Expr.PatternRule> rules = new ArrayList<>();
        while (!p.accept(TokenKind.RBRACE)) {
            if (p.accept(TokenKind.SEMI)) {
                continue;
            }
            rules.add(rule(p, path != null));
        }
        if (!p.at(TokenKind.EOF)) {
            p.expect(TokenKind.SEMI, "';' after the pattern declaration");
        }
        Span s = p.spanFrom(start);
        return new Query.Let(name, new Expr.Pattern(name, params, path, rules, s), s);
    }

    private static Expr.Param param(Parser p) {
        Span ps = p.peek().span();
        String n = p.expect(TokenKind.IDENT, "a parameter name").text();
        p.expect(TokenKind.COLON, "':' and the parameter type");
        String type = p.expect(TokenKind.IDENT, "a type name").text();
        return new Expr.Param(n, type, null, p.spanFrom(ps));
    }

    private static Expr.PatternRule rule(Parser p, boolean hasPath) {
        Span rs = p.peek().span();
        p.expect(TokenKind.LPAREN, "'(' and the argument values of the rule");
        List<Expr> args = new ArrayList<>();
        if (!p.at(TokenKind.RPAREN)) {
            do {
                args.add(p.expression());
            } while (p.accept(TokenKind.COMMA));
        }
        p.expect(TokenKind.RPAREN, "')'");
        Expr path = null;
        if (hasPath) {
            p.expect(TokenKind.DOT, "'.' and the path value");
            if (p.accept(TokenKind.LBRACKET)) {
                path = p.expression();
                p.expect(TokenKind.RBRACKET, "']'");
            } else {
                var t = p.expect(TokenKind.IDENT, "the path value");
                path = new Expr.Literal(t.text(), Expr.LiteralKind.STRING, t.span());
            }
        }
        p.expect(TokenKind.ASSIGN, "'=' and the rule body");
        p.expect(TokenKind.LBRACE, "'{' and the rule body");
        Expr body = p.pipeline();
        p.accept(TokenKind.SEMI);
        p.expect(TokenKind.RBRACE, "'}' to close the rule body");
        return new Expr.PatternRule(args, path, body, p.spanFrom(rs));
    }
}
