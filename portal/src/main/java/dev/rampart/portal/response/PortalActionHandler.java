package dev.rampart.portal.response;

/**
 * Executes actions whose executor is the portal (indicators, containment, user risk state, automated investigation).
 * Implementations return a one-line result summary or throw {@link ActionException} when the action fails.
 */
public interface PortalActionHandler {
    boolean handles(ActionType type);

    String execute(ResponseAction action);
}
