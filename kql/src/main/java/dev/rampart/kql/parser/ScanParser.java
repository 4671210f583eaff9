package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;

/** {@code scan [with_match_id=Id] [declare (...)] with (step name [output=...]: condition [=> col = expr, ...]; ...)}. */
final class ScanParser {
    private final Parser p;

    ScanParser(Parser p) {
        this.p = p;
    }

    Operator scan(Span s) {
        String matchId = null;
        if (p.acceptWord("with_match_id")) {
            p.expect(TokenKind.ASSIGN, "'=' after with_match_id");
            matchId = p.columnName("the match id column name");
        }
        List<Operator.ScanColumn> declared = new ArrayList<>();
        if (p.acceptWord("declare")) {
            p.expect(TokenKind.LPAREN, "'(' and the declared columns");
            do {
                Span cs = p.peek().span();
                String name = p.columnName("a column name");
                p.expect(TokenKind.COLON, "':' and a type");
                String type = p.expect(TokenKind.IDENT, "a type name").text();
                Expr def = p.accept(TokenKind.ASSIGN) ? p.expression() : null;
                declared.add(new Operator.ScanColumn(name, type, def, p.spanFrom(cs)));
            } while (p.accept(TokenKind.COMMA));
            p.expect(TokenKind.RPAREN, "')'");
        }
        p.expectWord("with");
        p.expect(TokenKind.LPAREN, "'(' and the steps");
        List<Operator.ScanStep> steps = new ArrayList<>();
        while (p.atWord("step")) {
            steps.add(step());
        }
        if (steps.isEmpty()) {
            throw p.expected("'step' definitions");
        }
        p.expect(TokenKind.RPAREN, "')' after the steps");
        return new Operator.ScanOp(matchId, declared, steps, p.spanFrom(s));
    }

    private Operator.ScanStep step() {
        Span ss = p.next().span();
        String name = p.columnName("a step name");
        String output = "all";
        if (p.acceptWord("output")) {
            p.expect(TokenKind.ASSIGN, "'=' after output");
            output = p.expect(TokenKind.IDENT, "all, last or none").text();
            if (!List.of("all", "last", "none").contains(output)) {
                throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.spanFrom(ss), "A step's output is all, last or none, not '" + output + "'");
            }
        }
        p.expect(TokenKind.COLON, "':' and the step condition");
        Expr condition = p.expression();
        List<Operator.Assignment> assignments = new ArrayList<>();
        if (p.accept(TokenKind.ARROW)) {
            do {
                Span as = p.peek().span();
                String col = p.columnName("a declared column");
                p.expect(TokenKind.ASSIGN, "'=' and a value");
                Expr e = p.expression();
                assignments.add(new Operator.Assignment(col, e, p.spanFrom(as)));
            } while (p.accept(TokenKind.COMMA));
        }
        p.expect(TokenKind.SEMI, "';' after the step");
        return new Operator.ScanStep(name, output, condition, assignments, p.spanFrom(ss));
    }
}
