package ops.cli;

import ops.base.AtomicFile;
import ops.report.Format;
import ops.base.OpsException;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --format/--json, --output and --quiet: how a report leaves the program. */
public class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: text).")
    Format format;

    @Option(names = "--json", description = "Same as --format json: one JSON document on stdout, logs on stderr.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (atomically: temp file, then rename), e.g. a Prometheus textfile.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing when everything is OK (for cron).")
    public boolean quiet;

    public Format format() {
        if (json && format != null && format != Format.json) {
            throw new OpsException("--json and --format " + format + " contradict each other; pick one");
        }
        return json ? Format.json : format == null ? Format.text : format;
    }

    /** Whether this report is painted: the text format, printed to a terminal, NO_COLOR unset. */
    public boolean colour(Format f) {
        return f == Format.text && ops.report.Colour.wanted(output != null);
    }

    /** Prints to stdout, or replaces --output atomically. */
    public void emit(String report, PrintWriter stdout) {
        if (output != null) {
            AtomicFile.write(output, report);
        } else {
            stdout.print(report);
            stdout.flush();
        }
    }
}
