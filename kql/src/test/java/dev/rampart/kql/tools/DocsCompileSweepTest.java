package dev.rampart.kql.tools;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles the KQL reference examples when the docs mirror is on this machine (a few seconds). */
class DocsCompileSweepTest {

    @Test
    void referenceExamples_compileWithoutCrashes_andDoNotRegress() throws Exception {
        Assumptions.assumeTrue(DocsCompileSweep.available(DocsCompileSweep.DEFAULT_MIRROR), "docs mirror not available");
        DocsCompileSweep.Result r = DocsCompileSweep.run(DocsCompileSweep.examples(DocsCompileSweep.DEFAULT_MIRROR));
        System.out.println("docs-compile: passed " + r.passed() + "/" + r.total());
        assertThat(r.byReason().keySet()).noneMatch(k -> k.startsWith("CRASH"));
        // Raise this floor as gaps close; it guards against silent regressions.
        assertThat(r.passed()).isGreaterThanOrEqualTo(1264);
    }

    @Test
    void kustoBlocks_takesIndentedFencesAndLeavesOtherLanguages() {
        String md = "text\n```kusto\nStormEvents | count\n```\n- item\n    ```kusto\n    print 1\n    ```\n```python\nx=1\n```\n";
        assertThat(DocsCompileSweep.kustoBlocks(md)).containsExactly("StormEvents | count\n", "print 1\n");
    }
}
