package ops.cli;
import ops.base.ExitStatus;
import ops.base.OpsException;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds a picocli CommandLine with the toolkit's error conventions: a usage error or an
 * {@link OpsException} is one line on stderr ("name: message") and exit 3; the stack trace
 * only with --debug. A script's actions (its subcommands) are set up by {@link Actions}.
 */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine(Object command) {
        return commandLine(command, false);
    }

    /** Runs a script's command as its main does: parses, warms up if the run goes live, executes. */
    public static int run(Object command, String... args) {
        return commandLine(command, true).execute(args);
    }

    private static CommandLine commandLine(Object command, boolean warmUp) {
        CommandLine cl = new CommandLine(command);
        Actions.setUp(cl);
        cl.setParameterExceptionHandler(Cli::onBadUsage);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> onFailure(ex, line, parsed.originalArgs().contains("--debug")));
        cl.setExecutionStrategy(parsed -> execute(parsed, warmUp));
        return cl;
    }

    private static int execute(ParseResult parsed, boolean warmUp) {
        // what lower layers show only with --debug (e.g. a ProxyCommand's stderr); set or cleared on every run
        if (parsed.originalArgs().contains("--debug")) System.setProperty("ops.debug", "true");
        else System.clearProperty("ops.debug");
        if (!helpAsked(parsed)) Actions.requireOne(parsed);
        // decided on the parsed command line: a run that reads hosts overlaps class loading with the network waits
        if (warmUp && goesLive(parsed)) Warmup.start();
        return new RunLast().execute(parsed);
    }

    /** Whether the parsed command line will read hosts over SSH: no --help or --version, and a live target. */
    static boolean goesLive(ParseResult parsed) {
        return !helpAsked(parsed) && Target.of(parsed.commandSpec()).filter(Target::live).isPresent();
    }

    private static boolean helpAsked(ParseResult parsed) {
        return parsed.asCommandLineList().stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
    }

    private static int onBadUsage(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        String msg = ex instanceof UnmatchedArgumentException u ? Actions.unknown(u).orElseGet(() -> withSuggestions(u)) : ex.getMessage();
        err.println(name(line) + ": " + msg + " (try --help)");
        err.flush();
        return ExitStatus.UNKNOWN.code;
    }

    private static String withSuggestions(UnmatchedArgumentException u) {
        List<String> suggestions = u.getSuggestions();
        return suggestions.isEmpty() ? u.getMessage() : u.getMessage() + " (did you mean " + String.join(" or ", suggestions) + "?)";
    }

    /** The script's name, also when an action went wrong: its lines say "nat-toggle: ...", never "off: ...". */
    static String name(CommandLine line) {
        return line.getCommandSpec().root().name();
    }

    private static int onFailure(Exception ex, CommandLine line, boolean debug) {
        PrintWriter err = line.getErr();
        err.println(name(line) + ": " + oneLine(ex));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof OpsException o ? o.exitCode() : ExitStatus.UNKNOWN.code;
    }

    /**
     * Where a script's warnings go: one line each on its stderr, "name: line", whole lines even
     * when several hosts warn at once.
     */
    public static Consumer<String> warnings(CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        String name = name(spec.commandLine());
        return line -> {
            synchronized (err) {
                err.println(name + ": " + line);
                err.flush();
            }
        };
    }

    /** The message plus the first cause message that says something new. */
    public static String oneLine(Throwable ex) {
        if (!(ex instanceof OpsException) && ex.getMessage() == null) {
            return ex.getClass().getSimpleName() + " (a bug: rerun with --debug and report it)";
        }
        Set<String> seen = new LinkedHashSet<>();
        String head = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        seen.add(head);
        StringBuilder sb = new StringBuilder(head);
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof OpsException o && o.selfContained()) break; // its message said it all
            if (c == ex) continue;
            String m = c.getMessage();
            if (m != null && !head.contains(m) && seen.add(m)) {
                sb.append(": ").append(m);
                break;
            }
        }
        return sb.toString().replace('\n', ' ');
    }
}
