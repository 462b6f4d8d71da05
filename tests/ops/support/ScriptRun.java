package ops.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import ops.cli.Cli;
import picocli.CommandLine;

/**
 * Runs one of scripts/*.java in this JVM, as the shell would: its class lives in the unnamed
 * package (hence reflection), stdout, stderr and the exit code are captured.
 */
public record ScriptRun(int exit, String out, String err) {

    public static ScriptRun of(String commandClass, String... args) {
        try {
            var constructor = Class.forName(commandClass).getDeclaredConstructor();
            constructor.setAccessible(true); // a script's class is package-private
            CommandLine cl = Cli.commandLine(constructor.newInstance());
            StringWriter out = new StringWriter(), err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return new ScriptRun(cl.execute(args), out.toString(), err.toString());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + commandClass + ": " + e, e);
        }
    }
}
