package dev.rampart.portal.response.liveresponse;

import dev.rampart.portal.access.AuditLog;
import java.time.OffsetDateTime;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends sessions idle for 30 minutes or whose sensor was revoked, and times out commands the sensor did not pick up or
 * answer within their command's limit (10 minutes; 30 for getfile, findfile, run, putfile, collect).
 */
@Component
class LiveResponseJob {
    private final LiveResponseStore store;
    private final AuditLog audit;
    private final dev.rampart.portal.response.sensors.SensorRegistry sensors;

    LiveResponseJob(LiveResponseStore store, AuditLog audit, dev.rampart.portal.response.sensors.SensorRegistry sensors) {
        this.store = store;
        this.audit = audit;
        this.sensors = sensors;
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
    void run() {
        expire(LiveResponse.now());
    }

    /** @return how many sessions and commands it closed */
    int expire(OffsetDateTime now) {
        int n = 0;
        for (LiveSession s : store.openSessions()) {
            boolean revoked = sensors.byId(s.sensorId()).map(x -> x.revoked()).orElse(true);
            // A command still running (a long collect or findfile) keeps the session alive until it ends or times out.
            String reason = revoked ? "the device's sensor was revoked"
                    : s.lastActivityAt().plus(LiveSession.IDLE_LIMIT).isBefore(now) && !store.busy(s.id())
                    ? "inactive for " + LiveSession.IDLE_LIMIT.toMinutes() + " minutes" : null;
            if (reason != null && store.end(s.id(), reason, now)) {
                audit.recordAs("system", "liveresponse.end", "device", s.deviceId(), "session " + s.id() + " " + reason);
                n++;
            }
        }
        for (LiveCommandRun c : store.unfinishedAll()) {
            LiveCommand cmd = LiveCommand.find(c.command()).orElse(LiveCommand.DIR);
            if (c.createdAt().plus(cmd.timeLimit()).isBefore(now)) {
                String why = c.status() == LiveCommandRun.Status.PENDING ? "the sensor did not pick it up within " : "no result within ";
                if (store.finish(c.id(), LiveCommandRun.Status.TIMED_OUT, null, null, why + cmd.timeLimit().toMinutes() + " minutes", null, null, null, now)) {
                    n++;
                }
            }
        }
        return n;
    }
}
