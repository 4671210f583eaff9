package dev.rampart.portal.sigma;

/** How an {@link Expr.Text} compares its subject with its value. */
enum TextOp {
    EQUALS, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD
}
