package ops.change;

import ops.base.ExitStatus;

/** How a change command ended when it did not fail outright (failures are {@link ops.base.OpsException}s). */
public enum Outcome {
    /** The plan ran to its end. */
    APPLIED(ExitStatus.OK),
    /** The host already is as asked: no plan. */
    ALREADY_SO(ExitStatus.OK),
    /** Shown, nothing changed: --dry-run, status, show. */
    SHOWN(ExitStatus.OK),
    /** The user said no. */
    NOT_CONFIRMED(ExitStatus.CRITICAL),
    /** Applied, but no new connection confirmed it: the revert armed on the host puts the old state back. */
    LEFT_TO_REVERT(ExitStatus.CRITICAL),
    /** Applied without a safety net, but reading back does not show it. */
    NOT_VERIFIED(ExitStatus.CRITICAL),
    /** The armed revert ran before the confirmation came. */
    TOO_LATE(ExitStatus.CRITICAL);

    private final ExitStatus exit;

    Outcome(ExitStatus exit) { this.exit = exit; }

    public int exitCode() { return exit.code; }
}
