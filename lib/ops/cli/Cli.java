package ops.cli;
import ops.base.ExitStatus;
import ops.base.OpsException;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds a picocli CommandLine with the toolkit's error conventions: a usage error or an
 * {@link OpsException} is one line on stderr ("name: message") and exit 3; the stack trace
 * only with --debug.
 */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler(Cli::onBadUsage);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> onFailure(ex, line, parsed.originalArgs().contains("--debug")));
        return cl;
    }

    public static int run(Object command, String... args) {
        if (java.util.Arrays.asList(args).contains("--debug")) System.setProperty("ops.debug", "true"); // e.g. ProxyCommand's stderr
        return commandLine(command).execute(args);
    }

    private static int onBadUsage(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        StringBuilder msg = new StringBuilder(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            msg.append(" (did you mean ").append(String.join(" or ", u.getSuggestions())).append("?)");
        }
        err.println(line.getCommandName() + ": " + msg + " (try --help)");
        err.flush();
        return ExitStatus.UNKNOWN.code;
    }

    private static int onFailure(Exception ex, CommandLine line, boolean debug) {
        PrintWriter err = line.getErr();
        err.println(line.getCommandName() + ": " + oneLine(ex));
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
        String name = spec.commandLine().getCommandName();
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
