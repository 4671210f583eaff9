package dev.rampart.portal.demo;

import dev.rampart.portal.cli.Command;
import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar rampart.jar demo [--scale=small|default|large] [--seed=N] [--force]}: writes the demo organisation
 * into the data directory of a stopped portal. Without {@code --force} it refuses a store that already has events.
 */
@Component
class DemoCommand implements Command {
    private final DemoLoader loader;

    DemoCommand(DemoLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String usage() {
        return "[--scale=small|default|large] [--seed=N] [--force]  fill the data directory with the simulated organisation";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("demo: " + e.getMessage());
            return 2;
        }
        for (String a : args) {
            if (a.startsWith("-") && !a.equals("--force") && !a.startsWith("--scale=") && !a.startsWith("--seed=")
                    && !a.startsWith("--demo-scale=") && !a.startsWith("--demo-seed=")) {
                out.println("demo: unknown option " + a + "; usage: demo " + usage());
                return 2;
            }
        }
        if (!args.contains("--force") && !loader.storeIsEmpty()) {
            out.println("demo: the event store already holds events; nothing written (use --force to add the demo anyway)");
            return 1;
        }
        out.println(loader.load(options).line());
        return 0;
    }
}
