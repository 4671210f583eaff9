package dev.rampart.portal.access;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 answers of the access API: invalid input is 422 with an {@code errors} list naming each field, an
 * unknown id is 404, an unreadable body 400.
 */
@RestControllerAdvice(assignableTypes = {AccessApiController.class, ApiClientsController.class})
class AccessApiProblems {

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Invalid input");
        p.setType(URI.create("https://rampart.dev/problems/invalid-input"));
        List<Map<String, String>> errors = e.fieldErrors().entrySet().stream()
                .map(x -> Map.of("field", x.getKey(), "message", x.getValue())).toList();
        p.setProperty("errors", errors);
        return p;
    }

    @ExceptionHandler({NotFoundException.class, UnknownUserException.class})
    ProblemDetail notFound(RuntimeException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this endpoint: " + firstLine(e.getMostSpecificCause().getMessage()));
        p.setTitle("Unreadable body");
        return p;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
