package dev.rampart.portal.workloads;

/** A page, card or API of a workload that is off on this installation; answered with 404 and the reason. */
public class WorkloadNotEnabledException extends RuntimeException {
    private final Workload workload;

    public WorkloadNotEnabledException(Workload workload) {
        super("The " + workload.label() + " workload is not enabled on this installation. An administrator can enable it, "
                + "or start a 90-day trial, in Settings › Workloads.");
        this.workload = workload;
    }

    public Workload workload() {
        return workload;
    }
}
