package dev.rampart.kql.tools;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles the public hunting-query corpus when it is checked out next to the repository. */
class CorpusCheckTest {

    private static Path corpus() {
        return Stream.of(Path.of("/work/shared/corpus/kql/dev"), Path.of("../shared/corpus/kql/dev"), Path.of("../../shared/corpus/kql/dev"))
                .filter(Files::isDirectory).findFirst().orElse(null);
    }

    @Test
    void corpus_compilesWithoutCrashes_andDoesNotRegress() throws IOException {
        Path dir = corpus();
        Assumptions.assumeTrue(dir != null, "corpus not available");
        CorpusCheck.Summary s = CorpusCheck.run(dir);
        CorpusCheck.print(s, System.out, 15);
        assertThat(s.reasons().keySet()).noneMatch(r -> r.startsWith("CRASH"));
        // Raise this floor as features land; it guards against silent regressions.
        assertThat(s.passed()).isGreaterThanOrEqualTo(840);
    }
}
