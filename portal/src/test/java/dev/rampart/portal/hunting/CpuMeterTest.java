package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
    long cpuMs;
    final CpuMeter meter = new CpuMeter(() -> cpuMs * 1_000_000);

    @Test
    void aLoneRun_isChargedAllProcessCpuSpentWhileItRan() {
        cpuMs = 1000;
        CpuMeter.Span s = meter.start();
        cpuMs += 340;
        assertThat(s.stop()).isEqualTo(Duration.ofMillis(340));
        cpuMs += 500;
        assertThat(s.stop()).as("stopping twice charges nothing more").isEqualTo(Duration.ofMillis(340));
    }

    @Test
    void overlappingRuns_shareTheCpuOfTheTimeTheyOverlap() {
        CpuMeter.Span a = meter.start();
        cpuMs += 100;
        CpuMeter.Span b = meter.start();
        cpuMs += 200;
        assertThat(a.stop()).isEqualTo(Duration.ofMillis(200));
        cpuMs += 50;
        assertThat(b.stop()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void cpuSpentWhileNothingRuns_isChargedToNobody() {
        cpuMs += 999;
        CpuMeter.Span s = meter.start();
        cpuMs += 1;
        assertThat(s.stop()).isEqualTo(Duration.ofMillis(1));
    }
}
