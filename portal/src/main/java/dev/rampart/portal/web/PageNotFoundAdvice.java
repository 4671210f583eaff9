package dev.rampart.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Unknown URLs: the API answers a problem body, a browser gets the portal's own 404 page. */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageNotFoundAdvice {
    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(NoResourceFoundException e, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/")) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No API endpoint at " + path + ".");
            p.setTitle("Not Found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
        }
        ModelAndView mv = new ModelAndView("error");
        mv.addObject("status", 404);
        mv.addObject("path", path);
        mv.setStatus(HttpStatus.NOT_FOUND);
        return mv;
    }
}
