package dev.rampart.portal.hunting;

import java.util.List;

/**
 * Saved things that call shared functions by name, such as custom detection rules. A shared function they call is not
 * deleted, renamed or made private until they stop calling it, so a rule never starts failing because of an edit to
 * a function.
 */
public interface SharedFunctionCallers {
    /** Display names of the saved items whose KQL names {@code function}, e.g. {@code "detection rule 'Encoded PowerShell'"}. */
    List<String> callersOf(String function);
}
