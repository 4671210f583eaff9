package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceColumnTest {
    @Test
    void writeThenRead_keepsEveryFieldAndTheOrder_withQuotesBackslashesAndNonAscii() {
        List<Evidence> ev = List.of(
                new Evidence(EntityType.PROCESS, "c:\\tools\\run \"x\".exe", "run \"x\".exe", "unknown", List.of(), false),
                new Evidence(EntityType.USER, "zoë@corp.example", "Zoë", "compromised", List.of("source", "destination"), true));
        assertThat(EvidenceColumn.read(EvidenceColumn.write(ev))).containsExactlyElementsOf(ev);
    }

    @Test
    void read_nullOrEmptyColumn_isNoEvidence() {
        assertThat(EvidenceColumn.read(null)).isEmpty();
        assertThat(EvidenceColumn.read("")).isEmpty();
        assertThat(EvidenceColumn.read(EvidenceColumn.write(List.of()))).isEmpty();
    }

    @Test
    void write_moreEvidenceThanTheColumnHolds_keepsTheFirstEntitiesWithinTheLimit() {
        List<Evidence> ev = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ev.add(new Evidence(EntityType.URL, "https://example.org/" + i + "/" + "p".repeat(900), "u" + i + "x".repeat(1900), "suspicious",
                    List.of(), true));
        }
        String text = EvidenceColumn.write(ev);
        List<Evidence> back = EvidenceColumn.read(text);
        assertThat(text.length()).isLessThanOrEqualTo(EvidenceColumn.MAX_CHARS);
        assertThat(back).isNotEmpty().hasSizeLessThan(600).containsExactlyElementsOf(ev.subList(0, back.size()));
        assertThat(EvidenceColumn.mayBeCut(text)).isTrue();
        assertThat(EvidenceColumn.mayBeCut(EvidenceColumn.write(ev.subList(0, 10)))).isFalse();
        assertThat(EvidenceColumn.mayBeCut(null)).isFalse();
    }
}
