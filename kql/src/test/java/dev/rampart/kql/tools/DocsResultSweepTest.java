package dev.rampart.kql.tools;

import dev.rampart.kql.conformance.Conformance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the reference's examples against their printed outputs when the docs mirror is on this machine. */
class DocsResultSweepTest {
    private static final int ROWS_FLOOR = 95;

    @Test
    void referenceExamples_matchTheirPrintedOutputs_andDoNotRegress() throws Exception {
        Assumptions.assumeTrue(DocsCompileSweep.available(DocsCompileSweep.DEFAULT_MIRROR), "docs mirror not available");
        Conformance.Report r = DocsResultSweep.run(DocsResultSweep.cases(DocsCompileSweep.DEFAULT_MIRROR, DocsResultSweep.QUERY_PAGES));
        Conformance.Report lib = DocsResultSweep.run(DocsResultSweep.cases(DocsCompileSweep.DEFAULT_MIRROR, DocsResultSweep.FUNCTIONS_LIBRARY));
        System.out.println("docs-results: passed " + r.passed() + "/" + r.total() + ", functions library " + lib.passed() + "/" + lib.total());
        assertThat(r.crashes()).isEmpty();
        assertThat(lib.crashes()).isEmpty();
        // Raise these floors as gaps close; they guard against silent regressions (many failures are the pages' own).
        assertThat(r.passed()).isGreaterThanOrEqualTo(708);
        Conformance.Report rows = DocsResultSweep.run(DocsResultSweep.tableRowCases(DocsCompileSweep.DEFAULT_MIRROR, DocsResultSweep.QUERY_PAGES));
        System.out.println("docs-table-rows: passed " + rows.passed() + "/" + rows.total());
        rows.outcomes().stream().filter(o -> !o.passed()).forEach(o -> System.out.println("  " + o.c().id() + " " + o.c().query() + ": " + o.detail()));
        assertThat(rows.crashes()).isEmpty();
        assertThat(rows.passed()).isGreaterThanOrEqualTo(ROWS_FLOOR);
        assertThat(lib.passed()).isGreaterThanOrEqualTo(9);
    }
}
