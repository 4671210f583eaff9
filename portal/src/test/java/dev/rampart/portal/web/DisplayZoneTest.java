package dev.rampart.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.entities.EntityLinks;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DisplayZoneTest {
    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @AfterEach
    void clear() {
        DisplayZone.clear();
    }

    @Test
    void withoutAChoice_timesAreUtc() {
        assertThat(EntityLinks.time(T)).isEqualTo("2026-12-05 10:00:00 UTC");
        assertThat(EntityLinks.when(T)).isEqualTo("Dec 5, 10:00");
        assertThat(DisplayZone.label()).isEqualTo("UTC");
    }

    @Test
    void chosenZone_shiftsTimesAndNamesTheZone_isoStaysUtc() {
        DisplayZone.set(ZoneId.of("Asia/Kolkata"));
        assertThat(EntityLinks.time(T)).isEqualTo("2026-12-05 15:30:00 IST");
        assertThat(EntityLinks.when(T)).isEqualTo("Dec 5, 15:30");
        assertThat(EntityLinks.iso(T)).isEqualTo("2026-12-05T10:00:00Z");
    }

    @Test
    void zoneWithSummerTime_namesTheZoneOfThatMoment() {
        DisplayZone.set(ZoneId.of("Europe/Berlin"));
        assertThat(DisplayZone.label(T)).isEqualTo("CET");
        assertThat(DisplayZone.label(Instant.parse("2026-07-01T10:00:00Z"))).isEqualTo("CEST");
        assertThat(DisplayZone.format(Instant.parse("2026-07-01T10:00:00Z"), "HH:mm")).isEqualTo("12:00");
    }
}
