package dev.rampart.portal.response.liveresponse;

import dev.rampart.portal.response.sensors.SensorAuthentication;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/sensors/me/live-response}: the sensor's long poll for live response commands and their results. */
@RestController
@RequestMapping(value = "/api/v1/sensors/me/live-response", produces = "application/json")
class LiveResponseSensorApi {
    private static final String SENSOR = "hasAuthority('" + SensorAuthentication.AUTHORITY + "')";
    private final LiveResponseSensors sensors;

    LiveResponseSensorApi(LiveResponseSensors sensors) {
        this.sensors = sensors;
    }

    @GetMapping("/commands")
    @PreAuthorize(SENSOR)
    List<LiveResponseSensors.WorkItem> pull(Authentication auth, @RequestParam(defaultValue = "0") int waitSeconds,
                                            @RequestParam(defaultValue = "5") int limit) throws InterruptedException {
        return sensors.claim(((SensorAuthentication) auth).sensor(), waitSeconds, limit);
    }

    @PostMapping("/commands/{id}/result")
    @PreAuthorize(SENSOR)
    Map<String, Object> result(Authentication auth, @PathVariable long id, @RequestBody LiveResponseSensors.Result r) {
        LiveCommandRun c = sensors.report(((SensorAuthentication) auth).sensor(), id, r);
        return Map.of("id", c.id(), "status", c.status().name());
    }

    @ExceptionHandler(LiveResponseException.class)
    ResponseEntity<ProblemDetail> problem(LiveResponseException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.field() + " " + e.getMessage());
        p.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).body(p);
    }
}
