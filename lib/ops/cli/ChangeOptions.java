package ops.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** --dry-run, --show-commands, --yes and --force, shared by the scripts that change things (inherited: before or after the action). */
public class ChangeOptions {
    @Option(scope = ScopeType.INHERIT, names = {"-n", "--dry-run"}, description = "Show the plan (each step: where, as whom, why, "
            + "how it is verified and undone) and the path matrix before/after; change nothing.")
    public boolean dryRun;

    @Option(scope = ScopeType.INHERIT, names = "--show-commands", description = "Also show in the plan the exact commands: each step's as "
            + "root runs it (a login that is not uid 0 goes through sudo -n; said once), its input (PHP, rules), and those that verify and undo it.")
    public boolean showCommands;

    @Option(scope = ScopeType.INHERIT, names = {"-y", "--yes"}, description = "Apply without asking (needed when not on a terminal).")
    public boolean yes;

    @Option(scope = ScopeType.INHERIT, names = "--force", description = "Override a safety interlock (each refusal says which).")
    public boolean force;
}
