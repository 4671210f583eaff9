package dev.rampart.kql.conformance;

import dev.rampart.kql.DuckDb;
import dev.rampart.kql.TestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented-output corpus, when it is checked out next to the repository. {@code -Dconformance.filter=geo-}
 * runs only the cases whose id starts with that prefix (comma-separated prefixes allowed) and lists their failures.
 */
class ConformanceCorpusTest {

    private static Path corpus() {
        return Stream.of(Path.of("/work/shared/corpus/kql-semantics/dev.jsonl"), Path.of("../shared/corpus/kql-semantics/dev.jsonl"),
                Path.of("../../shared/corpus/kql-semantics/dev.jsonl")).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    @Test
    void corpus_runsWithoutCrashes_andDoesNotRegress() throws Exception {
        Path file = corpus();
        Assumptions.assumeTrue(file != null, "corpus not available");
        List<ConformanceCase> cases = ConformanceCase.read(file);
        String filter = System.getProperty("conformance.filter", "");
        if (!filter.isBlank()) {
            List<String> prefixes = List.of(filter.split(","));
            cases = cases.stream().filter(c -> prefixes.stream().anyMatch(p -> c.id().startsWith(p))).toList();
        }
        Conformance.Report report;
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            report = Conformance.run(cases, TestSupport.options().withBagKeys(db::keys), db::run);
        }
        report.print(System.out, !filter.isBlank());
        assertThat(report.crashes()).isEmpty();
        if (filter.isBlank()) {
            // Raise this floor as features land; it guards against silent regressions.
            assertThat(report.passed()).isGreaterThanOrEqualTo(570);
        }
    }
}
