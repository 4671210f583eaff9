package dev.rampart.portal.response.submissions;

import dev.rampart.portal.response.indicators.IndicatorType;

/** Something the analysis found in the item that an indicator can allow or block. */
public record Artifact(IndicatorType type, String value, String label) {
}
