package dev.rampart.portal.access;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The user id named in a request does not exist (answered as 404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownUserException extends RuntimeException {
    public UnknownUserException(long id) {
        super("No user with id " + id);
    }
}
