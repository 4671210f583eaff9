package dev.rampart.portal.workloads;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A workload that is off: the API answers a 404 problem naming it, a browser gets the 404 page saying why. */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkloadNotEnabledAdvice {
    @ExceptionHandler(WorkloadNotEnabledException.class)
    Object notEnabled(WorkloadNotEnabledException e, HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
            p.setTitle("Workload not enabled");
            p.setProperty("workload", e.workload().id());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
        }
        ModelAndView mv = new ModelAndView("error");
        mv.addObject("status", 404);
        mv.addObject("path", request.getRequestURI());
        mv.addObject("workload", e.workload().label());
        mv.setStatus(HttpStatus.NOT_FOUND);
        return mv;
    }
}
