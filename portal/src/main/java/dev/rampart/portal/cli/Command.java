package dev.rampart.portal.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A batch sub-command of the portal jar ({@code java -jar rampart.jar NAME args...}). Registered by
 * {@link #name()}; runs with the portal's stores but no web server, and ends its output with a one-line summary.
 */
public interface Command {
    String name();

    /** One line for the usage listing. */
    String usage();

    /** @return the process exit code */
    int run(List<String> args, PrintStream out) throws Exception;
}
