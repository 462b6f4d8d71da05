package ops.cli;

import picocli.CommandLine.Option;

/** --dry-run, --yes and --force, shared by the scripts that change things. */
public class ChangeOptions {
    @Option(names = {"-n", "--dry-run"}, description = "Show the plan (exact commands and config changes) and the path matrix before/after; change nothing.")
    public boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking (needed when not on a terminal).")
    public boolean yes;

    @Option(names = "--force", description = "Override a safety interlock (each refusal says which).")
    public boolean force;
}
