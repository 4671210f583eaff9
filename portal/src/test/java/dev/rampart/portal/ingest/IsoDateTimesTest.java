package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class IsoDateTimesTest {

    @Test
    void parse_zoneForms_convertToUtc() {
        LocalDateTime expected = LocalDateTime.of(2024, 5, 1, 10, 30, 15);
        assertThat(IsoDateTimes.parseUtc("2024-05-01T10:30:15Z")).isEqualTo(expected);
        assertThat(IsoDateTimes.parseUtc("2024-05-01T12:30:15+02:00")).isEqualTo(expected);
        assertThat(IsoDateTimes.parseUtc("2024-05-01T05:00:15-0530")).isEqualTo(expected);
        assertThat(IsoDateTimes.parseUtc("2024-05-01T11:30:15+01")).isEqualTo(expected);
        assertThat(IsoDateTimes.parseUtc("2024-05-01 10:30:15")).isEqualTo(expected);
    }

    @Test
    void parse_fractionAndShortForms() {
        assertThat(IsoDateTimes.parseUtc("2024-05-01T10:30:15.1234567Z")).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 30, 15, 123456700));
        assertThat(IsoDateTimes.parseUtc("2024-05-01T10:30Z")).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 30));
        assertThat(IsoDateTimes.parseUtc("2024-05-01")).isEqualTo(LocalDateTime.of(2024, 5, 1, 0, 0));
        assertThat(IsoDateTimes.parseUtc("2024-01-01T00:30:00+01:00")).isEqualTo(LocalDateTime.of(2023, 12, 31, 23, 30));
    }

    @Test
    void parse_invalid_returnsNull() {
        assertThat(IsoDateTimes.parseUtc("2024-02-30T00:00:00Z")).isNull();
        assertThat(IsoDateTimes.parseUtc("2024-05-01T25:00:00Z")).isNull();
        assertThat(IsoDateTimes.parseUtc("2024-05-01T10:00:00.Z")).isNull();
        assertThat(IsoDateTimes.parseUtc("2024-05-01T10:00:00ZZ")).isNull();
        assertThat(IsoDateTimes.parseUtc("2024-05-01T10:00:00+2")).isNull();
        assertThat(IsoDateTimes.parseUtc("1714557600")).isNull();
        assertThat(IsoDateTimes.parseUtc("05/01/2024")).isNull();
        assertThat(IsoDateTimes.parseUtc("2024-05-01T10")).isNull();
    }
}
