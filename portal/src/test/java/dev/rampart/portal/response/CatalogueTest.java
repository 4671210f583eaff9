package dev.rampart.portal.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.response.indicators.IndicatorAction;
import dev.rampart.portal.response.indicators.IndicatorException;
import dev.rampart.portal.response.indicators.IndicatorType;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    @Test
    void everyUndo_actsOnTheSameTargetType_andIsNotItselfUndoable() {
        for (ActionType t : ActionType.values()) {
            if (t.undo() != null) {
                assertThat(t.undo().target()).as(t.name()).isEqualTo(t.target());
                assertThat(t.undo().undo()).as(t.undo().name()).isNull();
            }
        }
        assertThat(ActionType.ISOLATE_DEVICE.undo()).isEqualTo(ActionType.RELEASE_FROM_ISOLATION);
    }

    @Test
    void wireNames_parseBack() {
        for (ActionType t : ActionType.values()) {
            assertThat(ActionType.parse(t.wire())).isEqualTo(t);
        }
        assertThatThrownBy(() -> ActionType.parse("nukeDevice")).isInstanceOf(ActionException.class).hasMessageContaining("nukeDevice");
    }

    @Test
    void catalogue_coversEveryTargetType_andEmailIsTwoStep() {
        for (TargetType t : TargetType.values()) {
            assertThat(ActionType.forTarget(t)).as(t.name()).isNotEmpty();
        }
        assertThat(ActionType.forTarget(TargetType.EMAIL)).allMatch(ActionType::twoStep);
        assertThat(ActionType.RUN_ANTIVIRUS_SCAN.needs()).containsExactly(dev.rampart.portal.access.Permission.ALERTS_MANAGE);
    }

    @Test
    void indicatorValues_normalise_andRejectBadSyntax() {
        assertThat(IndicatorType.FILE_SHA1.normalise(" " + "AB".repeat(20) + " ")).isEqualTo("ab".repeat(20));
        assertThat(IndicatorType.FILE_SHA1.normalise("ab")).isNull();
        assertThat(IndicatorType.IP.normalise("10.0.0.300")).isNull();
        assertThat(IndicatorType.DOMAIN.normalise("Evil.Example")).isEqualTo("evil.example");
        assertThat(IndicatorType.URL.normalise("https://evil.example/Path")).isEqualTo("https://evil.example/Path");
        assertThat(IndicatorType.CERTIFICATE.normalise("AA:" + "bb".repeat(19))).isEqualTo("aa" + "bb".repeat(19));
        assertThat(IndicatorAction.parse("block execution")).isEqualTo(IndicatorAction.BLOCK);
        assertThatThrownBy(() -> IndicatorType.parse("hash")).isInstanceOf(IndicatorException.class);
    }

    @Test
    void statuses_parseLeniently() {
        assertThat(ActionStatus.parse("pendingApproval")).isEqualTo(ActionStatus.PENDING_APPROVAL);
        assertThat(ActionStatus.parse("Timed out")).isEqualTo(ActionStatus.TIMED_OUT);
        assertThat(ActionStatus.COMPLETED.isFinal()).isTrue();
        assertThat(ActionStatus.IN_PROGRESS.isFinal()).isFalse();
    }
}
