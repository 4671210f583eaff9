package dev.rampart.portal.reports;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Which workload reports the general security report branches into for a reader. */
@Component
public class WorkloadReportLinks {
    /** A workload report: the workload whose data it reads, its label and its page. */
    public record Link(String workload, String label, String path) {
    }

    static final List<Link> ALL = List.of(
            new Link("endpoint", "Endpoints report", "/reports/endpoints"),
            new Link("email", "Email & collaboration report", "/reports/email"),
            new Link("identity", "Identities report", "/reports/identities"),
            new Link("cloudapps", "Cloud apps report", "/reports/cloudapps"));

    /**
     * The one rule for offering a workload's report: the reader's scope holds its data in the range, and for mail the
     * reader may read mail metadata. Further conditions (a workload the installation has switched off) belong here.
     */
    public boolean shows(Authentication reader, String workload, Reports.General report) {
        if (workload.equals("email") && !AccessPolicy.can(reader, Permission.EMAIL_METADATA_READ)) {
            return false;
        }
        return report.hasData(workload);
    }

    public List<Link> links(Authentication reader, Reports.General report) {
        return ALL.stream().filter(l -> shows(reader, l.workload(), report)).toList();
    }
}
