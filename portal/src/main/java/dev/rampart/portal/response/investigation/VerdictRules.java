package dev.rampart.portal.response.investigation;

import dev.rampart.portal.response.indicators.IndicatorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The playbook's verdict rules, in order: an allow indicator clears the entity; any other indicator makes it
 * malicious; otherwise other detections naming it and its rarity in the estate decide. "Rare" is the detection
 * pack's threshold for uncommon addresses: seen by at most {@value #RARE_MAX_DEVICES} devices over the event store's
 * retention (30 days by default).
 */
public final class VerdictRules {
    public static final int RARE_MAX_DEVICES = 10;
    /** Other alerts naming a rare entity that make it malicious without an indicator. */
    public static final int MALICIOUS_OTHER_ALERTS = 2;

    private VerdictRules() {
    }

    /**
     * What is known about one entity. {@code indicator}/{@code indicatorLabel}: the matching active indicator or null;
     * {@code devices}: distinct devices that saw it (null when prevalence does not apply, e.g. users);
     * {@code otherAlerts}: alerts other than the investigated ones that name it.
     */
    public record Facts(IndicatorAction indicator, String indicatorLabel, Long devices, long otherAlerts) {
    }

    public record Judgement(Verdict verdict, List<String> reasons) {
        public Judgement {
            reasons = List.copyOf(reasons);
        }
    }

    public static Judgement judge(Facts f) {
        List<String> reasons = new ArrayList<>();
        if (f.indicator() != null) {
            reasons.add("Indicator " + f.indicatorLabel() + " (" + f.indicator().label() + ")");
        }
        if (f.devices() != null && f.devices() == 0) {
            reasons.add("Not seen on any device in the event store");
        } else if (f.devices() != null) {
            reasons.add("Seen on " + f.devices() + (f.devices() == 1 ? " device" : " devices") + " in the event store"
                    + (f.devices() <= RARE_MAX_DEVICES ? " (rare)" : " (common)"));
        }
        reasons.add(f.otherAlerts() == 0 ? "No other alerts name it" : "Named by " + f.otherAlerts() + " other alert" + (f.otherAlerts() == 1 ? "" : "s"));
        if (f.indicator() == IndicatorAction.ALLOW) {
            return new Judgement(Verdict.NO_THREATS_FOUND, reasons);
        }
        if (f.indicator() != null) {
            return new Judgement(Verdict.MALICIOUS, reasons);
        }
        boolean rare = f.devices() != null && f.devices() <= RARE_MAX_DEVICES;
        if (rare && f.otherAlerts() >= MALICIOUS_OTHER_ALERTS) {
            return new Judgement(Verdict.MALICIOUS, reasons);
        }
        if (f.otherAlerts() >= 1 && (rare || f.devices() == null)) {
            return new Judgement(Verdict.SUSPICIOUS, reasons);
        }
        return new Judgement(Verdict.NO_THREATS_FOUND, reasons);
    }
}
