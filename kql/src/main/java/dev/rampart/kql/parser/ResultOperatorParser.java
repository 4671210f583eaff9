package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.Token;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;

/** The operators that end a statement with several results or none: fork, facet and consume. */
final class ResultOperatorParser {
    /**
     * The operators fork-operator.md lists as supported inside a branch, with their aliases; the others (join, union,
     * another fork...) are rejected where they are written rather than failing later without a position.
     */
    static final List<String> FORK_OPERATORS = List.of("as", "count", "extend", "parse", "where", "filter", "take", "limit",
            "project", "project-away", "project-keep", "project-rename", "project-reorder", "summarize", "top", "top-nested",
            "sort", "order", "mv-expand", "mvexpand", "reduce");

    private final Parser p;
    private final OperatorParser ops;

    ResultOperatorParser(Parser p, OperatorParser ops) {
        this.p = p;
        this.ops = ops;
    }

    /** {@code fork [name=](subquery) [name=](subquery) ...}; at least one branch. */
    Operator fork(Span s) {
        List<Operator.ForkBranch> branches = new ArrayList<>();
        while (p.at(TokenKind.LPAREN) || p.at(TokenKind.IDENT) && p.peek(1).kind() == TokenKind.ASSIGN
                || p.at(TokenKind.LBRACKET) && p.peek(1).kind() == TokenKind.STRING) {
            Span bs = p.peek().span();
            String name = null;
            if (!p.at(TokenKind.LPAREN)) {
                name = p.columnName("a result name");
                p.expect(TokenKind.ASSIGN, "'=' after the result name");
            }
            p.expect(TokenKind.LPAREN, "'(' and the fork subquery");
            List<Operator> body = body("fork subquery", true);
            branches.add(new Operator.ForkBranch(name, body, p.spanFrom(bs)));
        }
        if (branches.isEmpty()) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.peek().span(), "Expected '(' and a fork subquery but found "
                    + Parser.describe(p.peek()), "Write each branch in parentheses: fork (where x > 1) (count)");
        }
        return new Operator.Fork(branches, p.spanFrom(s));
    }

    /** {@code facet by Column [, Column ...] [with (operators)]}. */
    Operator facet(Span s) {
        p.expectWord("by");
        List<Expr.Name> columns = new ArrayList<>();
        do {
            Span cs = p.peek().span();
            String name = p.columnName("a column name after 'facet by'");
            columns.add(new Expr.Name(name, p.spanFrom(cs)));
        } while (p.accept(TokenKind.COMMA));
        List<Operator> with = List.of();
        if (p.acceptWord("with")) {
            p.expect(TokenKind.LPAREN, "'(' and the operators of the facet's 'with' clause");
            with = body("facet's 'with' clause", false);
        }
        return new Operator.Facet(columns, with, p.spanFrom(s));
    }

    /** {@code consume [decodeblocks = Bool]}. */
    Operator consume(Span s) {
        Expr decode = null;
        if (p.atWord("decodeblocks") && p.peek(1).kind() == TokenKind.ASSIGN) {
            p.next();
            p.next();
            decode = p.expression();
        }
        return new Operator.Consume(decode, p.spanFrom(s));
    }

    /** Operators up to the closing ')', the first one optionally after a '|'; the '(' is already read. */
    private List<Operator> body(String what, boolean forkOnly) {
        List<Operator> body = new ArrayList<>();
        p.enter();
        try {
            p.accept(TokenKind.PIPE);
            do {
                Token t = p.peek();
                if (forkOnly && t.kind() == TokenKind.IDENT && !FORK_OPERATORS.contains(t.text())) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "The '" + t.text() + "' operator cannot be used in a fork subquery",
                            "A fork subquery takes only " + String.join(", ", FORK_OPERATORS)
                                    + "; for more, bind the input with let (or materialize()) and write one statement per result.");
                }
                body.add(ops.operator());
            } while (p.accept(TokenKind.PIPE));
        } finally {
            p.leave();
        }
        p.expect(TokenKind.RPAREN, "')' to close the " + what);
        return body;
    }
}
