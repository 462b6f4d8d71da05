package ops.change;
import ops.base.OpsException;

import java.io.Console;

/** Asks before a change: --yes answers for the user; without a terminal we refuse rather than guess. */
@FunctionalInterface
public interface Confirm {
    boolean ask(String question);

    static Confirm standard(boolean yes) {
        return question -> {
            if (yes) return true;
            Console c = System.console();
            if (c == null) {
                throw new OpsException("not a terminal, so nobody can confirm: rerun with --yes to apply, or --dry-run to see the plan");
            }
            String answer = c.readLine("%s [y/N] ", question);
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        };
    }
}
