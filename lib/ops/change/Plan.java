package ops.change;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A change as it will run: its steps in order, the question asked before them (none when the
 * command itself is the confirmation), the record it keeps, the lock it works under and the
 * status recorded once every step is done.
 */
public record Plan(String summary, List<Step> steps, Optional<String> question, Journal<?> journal, Locking locking, Status completed) {

    /** Said once above the commands, so that each root command is shown as root runs it, not once per sudo branch. */
    static final String SUDO_NOTE = "(`#` lines run as root: as shown when the login is uid 0, else through `sudo -n`; `$` lines run as the login)";

    /**
     * For --dry-run and before asking: every step in words (where, as whom, why, how it is
     * verified and undone); with {@code showCommands} also the exact command each runs, its input
     * and the commands of its reads and undo, each once.
     */
    public String render(boolean showCommands) {
        StringBuilder sb = new StringBuilder("Plan: ").append(summary).append('\n');
        if (steps.isEmpty()) return sb.append("  (nothing to do)\n").toString();
        if (showCommands && steps.stream().flatMap(Plan::shown).anyMatch(c -> c.as() == Command.As.ROOT)) sb.append(SUDO_NOTE).append('\n');
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(i + 1).append(". on ").append(s.host().name()).append(as(s.command())).append(": ").append(s.why()).append('\n');
            if (showCommands) command(sb, "    ", s.command());
            s.guard().ifPresent(c -> check(sb, s, "only if", c, showCommands));
            s.verify().ifPresent(c -> check(sb, s, "verify", c, showCommands));
            if (!s.undoSays().isEmpty()) {
                sb.append("    undo: ").append(s.undoSays()).append('\n');
                if (showCommands) s.undo().forEach(u -> command(sb, "      ", u.command()));
            }
        }
        return sb.toString();
    }

    /** The commands --show-commands shows for a step: its own, its reads', and its undo's when the plan states an undo. */
    private static Stream<Command> shown(Step s) {
        Stream<Command> undo = s.undoSays().isEmpty() ? Stream.empty() : s.undo().stream().map(Step::command);
        return Stream.of(Stream.of(s.command()), s.guard().stream().map(Check::read), s.verify().stream().map(Check::read), undo).flatMap(c -> c);
    }

    private static String as(Command c) {
        return c.as() == Command.As.ROOT ? ", as root" : ", as the login";
    }

    /** A read on the step's own host needs no "on": the step's line already says where. */
    private static void check(StringBuilder sb, Step s, String what, Check c, boolean showCommands) {
        sb.append("    ").append(what).append(c.host().name().equals(s.host().name()) ? "" : " on " + c.host().name()).append(": ")
                .append(c.expects()).append(c.within().isZero() ? "" : ", within " + c.within().toSeconds() + " s").append('\n');
        if (showCommands) command(sb, "      ", c.read());
    }

    /** The command as its user runs it (sudo is the note's, said once), then its input, indented. */
    private static void command(StringBuilder sb, String indent, Command c) {
        sb.append(indent).append(c.as() == Command.As.ROOT ? "# " : "$ ").append(c.text()).append('\n');
        if (!c.stdin().isEmpty()) {
            for (String line : c.stdin().strip().split("\n")) sb.append(indent).append("| ").append(line).append('\n');
        }
    }
}
