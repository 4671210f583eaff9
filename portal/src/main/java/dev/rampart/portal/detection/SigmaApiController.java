package dev.rampart.portal.detection;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.sigma.SigmaParser;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sigma rules API. {@code POST /api/v1/sigma/rules[?enableHighAndCritical=true]} takes one rule as YAML (any content
 * type), stores it, creates or refreshes its custom detection (off unless the flag is set and the level is high or
 * critical) and answers its status with the generated KQL or the reason it is unsupported ("Detection tuning
 * (manage)": importing rules is authoring detections). {@code GET /api/v1/sigma/rules} lists them ("Security data basics").
 */
@RestController
@RequestMapping("/api/v1/sigma")
class SigmaApiController {
    private final SigmaDetections sigma;

    SigmaApiController(SigmaDetections sigma) {
        this.sigma = sigma;
    }

    @PostMapping("/rules")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    SigmaRuleView upload(@RequestBody String yaml, @RequestParam(defaultValue = "false") boolean enableHighAndCritical)
            throws IOException, SigmaParser.InvalidRuleException {
        return SigmaRuleView.of(sigma.importYaml(yaml, "upload", enableHighAndCritical));
    }

    @GetMapping("/rules")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    List<SigmaRuleView> list() {
        return sigma.list().stream().map(SigmaRuleView::of).toList();
    }

    @ExceptionHandler
    ProblemDetail invalid(SigmaParser.InvalidRuleException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(URI.create("urn:rampart:problem:invalid-sigma-rule"));
        p.setTitle("Invalid Sigma rule");
        return p;
    }
}
