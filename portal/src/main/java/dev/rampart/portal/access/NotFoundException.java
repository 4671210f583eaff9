package dev.rampart.portal.access;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A role, group, device group or client that does not exist (404 on pages and in the API). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {
    public NotFoundException(String kind, String id) {
        super("No " + kind + " with id " + id + ".");
    }
}
