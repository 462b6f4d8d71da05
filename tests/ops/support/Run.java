package ops.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import ops.cli.Cli;
import picocli.CommandLine;

/** Runs a script's command in-process, as the shell would, capturing stdout, stderr and the exit code. */
public record Run(int code, String out, String err) {

    public static Run of(Object command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Cli.commandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** stderr is exactly one line and holds no stack trace. */
    public boolean oneLineError() {
        String e = err.strip();
        return !e.isEmpty() && !e.contains("\n") && !e.contains("\tat ") && !e.contains("Exception:");
    }
}
