package dev.rampart.portal.detection;

import java.util.List;

/** Model of the Sigma rules page. {@code status} filter: on, off, unsupported or empty for all. */
public record SigmaPage(List<SigmaDetections.Row> rows, int total, long on, long off, long unsupported, String status, String q,
                        String notice, boolean canManage) {
}
