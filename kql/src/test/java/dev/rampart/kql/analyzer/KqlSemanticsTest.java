package dev.rampart.kql.analyzer;

import dev.rampart.kql.DuckDb;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.conformance.Conformance;
import dev.rampart.kql.conformance.ConformanceCase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the examples of the KQL reference (datatable/print based, with the outputs the pages print) on an in-memory
 * DuckDB through {@link Conformance}, the same checker as the portal's {@code kql-conformance} command. Prints the
 * reasons and {@code conformance: passed X/N}; {@code -Dkql.semantics.list=1} lists each failure. Skipped when the
 * corpus is not checked out.
 */
class KqlSemanticsTest {

    private static Path corpus() {
        return Stream.of("/work/shared/corpus/kql-semantics/dev.jsonl", "../shared/corpus/kql-semantics/dev.jsonl",
                        "../../shared/corpus/kql-semantics/dev.jsonl")
                .map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    @Test
    void referenceExamples_compileAndReturnThePrintedResults() throws Exception {
        Path file = corpus();
        Assumptions.assumeTrue(file != null, "kql-semantics corpus not available");
        Conformance.Report report;
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            report = Conformance.run(ConformanceCase.read(file), TestSupport.options().withBagKeys(db::keys), db::run);
        }
        report.print(System.out, System.getProperty("kql.semantics.list") != null);
        assertThat(report.crashes()).isEmpty();
        // Raise these floors as semantics land; they guard against silent regressions.
        assertThat(report.count(Conformance.Stage.EXECUTE)).isGreaterThanOrEqualTo(FLOOR_COMPILED);
        assertThat(report.passed()).isGreaterThanOrEqualTo(FLOOR_PASSED);
    }

    private static final int FLOOR_COMPILED = 370;
    private static final int FLOOR_PASSED = 335;
}
