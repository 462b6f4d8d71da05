package ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** --help, --version, --debug and the exit-code list, shared by every script. */
@Command(mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 3,
        exitCodeOnExecutionException = 3,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:OK: nothing worse than INFO",
                "1:WARNING: at least one WARNING finding",
                "2:CRITICAL: at least one CRITICAL finding",
                "3:UNKNOWN: could not read, parse or reach something, or bad usage"})
public class CommonOptions {
    @Option(names = "--debug", description = "Show stack traces and debug details on stderr.")
    public boolean debug;
}
