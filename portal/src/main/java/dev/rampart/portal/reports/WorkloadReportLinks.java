package dev.rampart.portal.reports;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.workloads.Workload;
import dev.rampart.portal.workloads.Workloads;
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

    private final Workloads workloads;

    WorkloadReportLinks(Workloads workloads) {
        this.workloads = workloads;
    }

    /**
     * The one rule for offering a workload's report: the installation has the workload switched on, the reader's
     * scope holds its data in the range, and for mail the reader may read mail metadata.
     */
    public boolean shows(Authentication reader, String workload, Reports.General report) {
        if (!Workload.byId(workload).map(workloads::isEnabled).orElse(true)) {
            return false;
        }
        if (workload.equals("email") && !AccessPolicy.can(reader, Permission.EMAIL_METADATA_READ)) {
            return false;
        }
        return report.hasData(workload);
    }

    public List<Link> links(Authentication reader, Reports.General report) {
        return ALL.stream().filter(l -> shows(reader, l.workload(), report)).toList();
    }
}
