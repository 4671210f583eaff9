package dev.rampart.portal.response.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.response.indicators.IndicatorAction;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {
    private static VerdictRules.Judgement judge(IndicatorAction ind, Long devices, long others) {
        return VerdictRules.judge(new VerdictRules.Facts(ind, ind == null ? null : "#7 Known bad", devices, others));
    }

    @Test
    void blockIndicator_isMalicious_evenWhenCommon_withTheIndicatorAsReason() {
        var j = judge(IndicatorAction.BLOCK, 500L, 0);
        assertThat(j.verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(j.reasons()).contains("Indicator #7 Known bad (Block)", "Seen on 500 devices in the event store (common)");
    }

    @Test
    void alertOnlyIndicator_isMalicious() {
        assertThat(judge(IndicatorAction.AUDIT, 1L, 0).verdict()).isEqualTo(Verdict.MALICIOUS);
    }

    @Test
    void allowIndicator_clearsTheEntity_despiteOtherAlerts() {
        var j = judge(IndicatorAction.ALLOW, 1L, 5);
        assertThat(j.verdict()).isEqualTo(Verdict.NO_THREATS_FOUND);
        assertThat(j.reasons()).contains("Named by 5 other alerts");
    }

    @Test
    void rareAndNamedByTwoOtherAlerts_isMalicious_byOne_isSuspicious() {
        assertThat(judge(null, 2L, 2).verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(judge(null, 2L, 1).verdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(judge(null, 2L, 1).reasons()).contains("Seen on 2 devices in the event store (rare)", "Named by 1 other alert");
    }

    @Test
    void commonEntity_withOtherAlerts_isNoThreatsFound() {
        assertThat(judge(null, 11L, 3).verdict()).isEqualTo(Verdict.NO_THREATS_FOUND);
    }

    @Test
    void rareWithoutOtherDetections_isNoThreatsFound() {
        var j = judge(null, 1L, 0);
        assertThat(j.verdict()).isEqualTo(Verdict.NO_THREATS_FOUND);
        assertThat(j.reasons()).containsExactly("Seen on 1 device in the event store (rare)", "No other alerts name it");
    }

    @Test
    void entityWithoutPrevalence_isSuspiciousWhenOtherAlertsNameIt() {
        assertThat(judge(null, null, 1).verdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(judge(null, null, 0).verdict()).isEqualTo(Verdict.NO_THREATS_FOUND);
    }
}
