package ops.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** --dry-run, --yes and --force, shared by the scripts that change things (inherited: before or after the action). */
public class ChangeOptions {
    @Option(scope = ScopeType.INHERIT, names = {"-n", "--dry-run"}, description = "Show the plan (exact commands and config changes) and the path matrix before/after; change nothing.")
    public boolean dryRun;

    @Option(scope = ScopeType.INHERIT, names = {"-y", "--yes"}, description = "Apply without asking (needed when not on a terminal).")
    public boolean yes;

    @Option(scope = ScopeType.INHERIT, names = "--force", description = "Override a safety interlock (each refusal says which).")
    public boolean force;
}
