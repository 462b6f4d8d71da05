package ops.live;

import java.io.PrintWriter;
import java.io.StringWriter;
import ops.cli.Cli;
import picocli.CommandLine;

/** Runs scripts/route-audit.java in this JVM (its class is in the unnamed package, hence reflection). */
record RouteAuditRun(int exit, String out, String err) {

    static RouteAuditRun of(String... args) {
        try {
            var constructor = Class.forName("RouteAudit").getDeclaredConstructor();
            constructor.setAccessible(true); // a script's class is package-private
            Object command = constructor.newInstance();
            CommandLine cl = Cli.commandLine(command);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int exit = cl.execute(args);
            return new RouteAuditRun(exit, out.toString(), err.toString());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create RouteAudit from scripts/route-audit.java: " + e, e);
        }
    }

    /**
     * The report with the audited target's name (first line) made neutral, and without a live run's
     * Edges section, to compare live vs snapshot.
     */
    String reportWithout(String target) {
        return ops.support.LiveReports.withoutEdges(out).replace(target, "TARGET");
    }
}
