package ops.change;

import java.util.List;
import java.util.Optional;

/**
 * A change as it will run: its steps in order, the question asked before them (none when the
 * command itself is the confirmation), the record it keeps, the lock it works under and the
 * status recorded once every step is done.
 */
public record Plan(String summary, List<Step> steps, Optional<String> question, Journal<?> journal, Locking locking, Status completed) {

    /** For --dry-run and before asking: every step as the executor will run it. */
    public String render() {
        StringBuilder sb = new StringBuilder("Plan: ").append(summary).append('\n');
        if (steps.isEmpty()) return sb.append("  (nothing to do)\n").toString();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(i + 1).append(". on ").append(where(s)).append(": ").append(s.why()).append('\n');
            command(sb, "    ", s.command());
            s.guard().ifPresent(c -> check(sb, "only if", c));
            s.verify().ifPresent(c -> check(sb, "verify", c));
            if (!s.undoSays().isEmpty()) {
                sb.append("    undo: ").append(s.undoSays()).append('\n');
                for (Step u : s.undo()) command(sb, "      ", u.command());
            }
        }
        return sb.toString();
    }

    private static String where(Step s) {
        return s.host().name() + (s.command().as() == Command.As.ROOT ? ", as root" : ", as the login");
    }

    private static void check(StringBuilder sb, String what, Check c) {
        sb.append("    ").append(what).append(" (on ").append(c.host().name()).append("): ").append(c.expects())
                .append(c.within().isZero() ? "" : ", within " + c.within().toSeconds() + " s").append('\n');
        command(sb, "      ", c.read());
    }

    private static void command(StringBuilder sb, String indent, Command c) {
        sb.append(indent).append("$ ").append(c.line()).append('\n');
        if (!c.stdin().isEmpty()) {
            for (String line : c.stdin().strip().split("\n")) sb.append(indent).append("| ").append(line).append('\n');
        }
    }
}
