package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    @Test
    void render_halfRead_fillsHalfTheBarAndEstimatesTheTimeLeft() {
        String s = ProgressBar.render("a.zip", 1000, 500, 20_000, 10.0, false);

        assertThat(s).isEqualTo("import: a.zip [###############---------------]  50% 20,000 lines, 2,000 lines/s, 0:10 left");
    }

    @Test
    void render_unknownSize_showsLinesAndRateOnly() {
        assertThat(ProgressBar.render("-", -1, 123, 3_000, 1.5, false)).isEqualTo("import: - 3,000 lines, 2,000 lines/s, 1.5 s");
    }

    @Test
    void log_printsAtMostEveryTwoSeconds_andFinishesAtFullShare() {
        ProgressBar bar = new ProgressBar(out, "f.gz", 100, false, () -> now);
        now = 1_000_000_000L;
        bar.update(10, 100);
        now = 2_100_000_000L;
        bar.update(40, 400);
        now = 3_000_000_000L;
        bar.update(60, 600);
        bar.finish(60, 800);

        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("import: f.gz [############------------------]  40% 400 lines");
        assertThat(lines[1]).startsWith("import: f.gz [##############################] 100% 800 lines").endsWith(" 3.0 s");
    }

    @Test
    void terminal_redrawsInPlace_andBreaksTheLineBeforeOtherOutput() {
        ProgressBar bar = new ProgressBar(out, "f", 100, true, () -> now);
        now = 300_000_000L;
        bar.update(50, 5);
        bar.breakLine();
        out.println("other");
        bar.finish(100, 10);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\rimport: f [")
                .contains(" 50% 5 lines").contains("\nother\n\rimport: f [##############################] 100% 10 lines");
    }
}
