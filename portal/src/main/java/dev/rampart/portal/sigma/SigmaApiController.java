package dev.rampart.portal.sigma;

import dev.rampart.portal.access.Perms;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Sigma rules API. {@code POST /api/v1/sigma/rules} takes one rule as YAML (any content type) and answers its
 * status with the generated KQL or the reason it does not compile ("Detection tuning (manage)": importing rules is
 * authoring detections). {@code GET /api/v1/sigma/rules} lists imported rules ("Security data basics").
 */
@RestController
@RequestMapping("/api/v1/sigma")
class SigmaApiController {
    private final SigmaRules rules;

    SigmaApiController(SigmaRules rules) {
        this.rules = rules;
    }

    @PostMapping("/rules")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    SigmaRules.RuleStatus upload(@RequestBody String yaml) throws IOException, SigmaParser.InvalidRuleException {
        return rules.importRule(yaml, "upload");
    }

    @GetMapping("/rules")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    List<SigmaRules.RuleStatus> list() {
        return rules.list();
    }

    @ExceptionHandler
    ProblemDetail invalid(SigmaParser.InvalidRuleException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(URI.create("urn:rampart:problem:invalid-sigma-rule"));
        p.setTitle("Invalid Sigma rule");
        return p;
    }
}
