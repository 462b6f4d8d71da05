package ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * --help, --version, --debug and the exit-code list, shared by every script. The options are
 * inherited, so that an action (nat-toggle's off, default-route's set...) takes them too.
 */
@Command(versionProvider = Version.class,
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
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces and debug details on stderr.")
    public boolean debug;

    // picocli's mixinStandardHelpOptions, spelt out: only options can be inherited by the actions
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, scope = ScopeType.INHERIT, description = "Print version information and exit.")
    boolean version;
}
