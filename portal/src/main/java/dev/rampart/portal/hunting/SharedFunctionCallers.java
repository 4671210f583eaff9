package dev.rampart.portal.hunting;

import java.util.List;

/**
 * Saved things that call shared functions by name, such as custom detection rules. A shared function they call is not
 * deleted, renamed or made private until they stop calling it, and an edit that would stop one compiling is refused, so
 * a rule does not start failing because someone changed a function.
 */
public interface SharedFunctionCallers {
    /** Display names of the saved items whose KQL names {@code function}, e.g. {@code "detection rule 'Encoded PowerShell'"}. */
    List<String> callersOf(String function);

    /**
     * The callers of {@code function} that would stop compiling with the shared functions of {@code catalog} (the team's
     * functions with an edit applied), each as its display name, a colon and the error.
     */
    List<String> failingWith(String function, dev.rampart.kql.FunctionCatalog catalog);
}
