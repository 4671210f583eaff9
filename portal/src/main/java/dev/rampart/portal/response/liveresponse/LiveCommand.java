package dev.rampart.portal.response.liveresponse;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The live response commands: who runs each (the portal, or the device's sensor), whether it needs the advanced
 * permission, how many arguments it takes, which options it accepts and how long the sensor may take.
 */
public enum LiveCommand {
    HELP(Where.PORTAL, false, 0, 1, "help [command]", "Lists the commands, or explains one."),
    CLS(Where.PORTAL, false, 0, 0, "cls", "Clears the console (the command log keeps everything)."),
    JOBS(Where.PORTAL, false, 0, 0, "jobs", "Lists the commands of this session that are waiting or running."),
    STATUS(Where.PORTAL, false, 1, 1, "status <command id>", "Shows the state and output of one command of this session."),
    FG(Where.PORTAL, false, 1, 1, "fg <command id>", "Brings back the output of a command that ran in the background."),
    LIBRARY(Where.PORTAL, false, 0, 0, "library", "Lists the scripts and files of the library."),
    CD(Where.SENSOR, false, 1, 1, "cd <folder>", "Changes the current folder."),
    DIR(Where.SENSOR, false, 0, 1, "dir [folder]", "Lists the files and folders of a folder (the current one by default)."),
    FILEINFO(Where.SENSOR, false, 1, 1, "fileinfo <file>", "Size, times, owner and SHA-1/SHA-256/MD5 hashes of a file."),
    FINDFILE(Where.SENSOR, false, 1, 1, "findfile <name or pattern>", "Finds files with this name, or matching a pattern with * and ?, on the device."),
    GETFILE(Where.SENSOR, false, 1, 1, "getfile <file>", "Uploads a file from the device to the portal for download."),
    PROCESSES(Where.SENSOR, false, 0, 1, "processes [pid | name]", "Lists the running processes, or those with this id or name."),
    CONNECTIONS(Where.SENSOR, false, 0, 0, "connections", "Lists the active network connections and listening ports."),
    DRIVERS(Where.SENSOR, false, 0, 0, "drivers", "Lists the installed drivers (kernel modules)."),
    SERVICES(Where.SENSOR, false, 0, 0, "services", "Lists the services and their state."),
    SCHEDULEDTASKS(Where.SENSOR, false, 0, 0, "scheduledtasks", "Lists the scheduled tasks."),
    STARTUPFOLDERS(Where.SENSOR, false, 0, 0, "startupfolders", "Lists the entries of the startup folders."),
    PERSISTENCE(Where.SENSOR, false, 0, 0, "persistence", "Lists the known persistence locations and what they start."),
    REGISTRY(Where.SENSOR, false, 1, 1, "registry <key>", "Shows a registry key and its values (Windows)."),
    RUN(Where.SENSOR, true, 1, 1, "run <script> [-parameters \"...\"]", "Runs a script of the library on the device."),
    PUTFILE(Where.SENSOR, true, 1, 1, "putfile <file> [-overwrite]", "Copies a file of the library to the device's downloads folder."),
    REMEDIATE(Where.SENSOR, true, 2, 2, "remediate <file|process|service|scheduledtask|startupitem> <target>",
            "Quarantines a file, stops a process, or disables a service, scheduled task or startup item."),
    UNDO(Where.SENSOR, true, 2, 2, "undo <file|service|scheduledtask|startupitem> <target>", "Reverts a remediation."),
    SCAN(Where.SENSOR, true, 0, 0, "scan", "Runs a quick antivirus scan."),
    COLLECT(Where.SENSOR, true, 0, 0, "collect", "Collects an investigation package (system information, processes, connections).");

    public enum Where { PORTAL, SENSOR }

    public static final Set<String> REMEDIATION_KINDS = Set.of("file", "process", "service", "scheduledtask", "startupitem");

    private final Where where;
    private final boolean advanced;
    private final int minArgs;
    private final int maxArgs;
    private final String usage;
    private final String description;

    LiveCommand(Where where, boolean advanced, int minArgs, int maxArgs, String usage, String description) {
        this.where = where;
        this.advanced = advanced;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.usage = usage;
        this.description = description;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Where where() {
        return where;
    }

    public boolean advanced() {
        return advanced;
    }

    int minArgs() {
        return minArgs;
    }

    int maxArgs() {
        return maxArgs;
    }

    public String usage() {
        return usage;
    }

    public String description() {
        return description;
    }

    /** Options ({@code -name [value]}) the command accepts besides {@code -output json|table}; true = takes a value. */
    java.util.Map<String, Boolean> options() {
        return switch (this) {
            case RUN -> java.util.Map.of("parameters", true);
            case PUTFILE -> java.util.Map.of("overwrite", false);
            case REMEDIATE -> java.util.Map.of("auto", false);
            default -> java.util.Map.of();
        };
    }

    /** How long the sensor may take before the command is timed out: 30 minutes for transfers, searches and scripts. */
    public Duration timeLimit() {
        return switch (this) {
            case GETFILE, FINDFILE, RUN, PUTFILE, COLLECT -> Duration.ofMinutes(30);
            default -> Duration.ofMinutes(10);
        };
    }

    public static Optional<LiveCommand> find(String name) {
        return Arrays.stream(values()).filter(c -> c.wire().equalsIgnoreCase(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(LiveCommand::wire).toList();
    }
}
