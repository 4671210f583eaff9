package dev.rampart.portal.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Finds the {@link Command} named by the first argument and runs it with the rest. */
@Component
public class CommandDispatcher {
    private final Map<String, Command> commands = new TreeMap<>();

    public CommandDispatcher(List<Command> all) {
        for (Command c : all) {
            if (commands.put(c.name(), c) != null) {
                throw new IllegalStateException("two commands named " + c.name());
            }
        }
    }

    public int dispatch(String[] args) {
        PrintStream out = System.out;
        Command c = commands.get(args[0]);
        if (c == null) {
            out.println(args[0].equals("help") ? "Commands:" : "Unknown command '" + args[0] + "'. Commands:");
            commands.values().forEach(k -> out.println("  " + k.name() + "  " + k.usage()));
            // Not a batch command (it needs no data directory), but started the same way.
            out.println("  sensor  --portal=URL [--token=ret_...] [--device-id=ID] [--state-dir=DIR]: the reference sensor, on the host to respond on");
            return args[0].equals("help") ? 0 : 2;
        }
        // Spring-style options (--server.port=...) are for the application context, not the command.
        List<String> rest = Arrays.stream(args).skip(1).filter(a -> !a.startsWith("--spring.") && !a.startsWith("--rampart.")).toList();
        try {
            return c.run(rest, out);
        } catch (Exception e) {
            out.println(c.name() + ": failed: " + e.getMessage());
            return 1;
        }
    }
}
