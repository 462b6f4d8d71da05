package ops.probe;

import java.util.Optional;
import ops.audit.Verdict;
import ops.base.ExitStatus;

/** What a probe proved about one path, from the packets on the firewall and the vantage's connection. */
public enum MeasuredVerdict {
    /** the real client address arrived, the SYN-ACK left by the same gateway, the handshake completed */
    PRESERVED("PRESERVED", ExitStatus.OK, Verdict.PRESERVED),
    /** the edge's address arrived (and the connection worked) */
    MASQUERADED("MASQUERADED", ExitStatus.WARNING, Verdict.MASQUERADED),
    /** it arrived, the SYN-ACK left by another interface, the handshake failed */
    TRIANGULAR("TRIANGULAR", ExitStatus.CRITICAL, Verdict.TRIANGULAR),
    /** nothing arrived at the firewall */
    NOT_REACHED("NOT-REACHED", ExitStatus.CRITICAL, Verdict.DOWN),
    /** it arrived and nothing answered: the firewall blocks it or the server is silent */
    NO_REPLY("NO-REPLY", ExitStatus.CRITICAL, Verdict.BLOCKED),
    /** not probed, or what was seen fits no verdict (the note says why) */
    UNKNOWN("UNKNOWN", ExitStatus.UNKNOWN, null);

    public final String label;
    public final ExitStatus status;
    private final Verdict prediction;

    MeasuredVerdict(String label, ExitStatus status, Verdict prediction) {
        this.label = label;
        this.status = status;
        this.prediction = prediction;
    }

    /**
     * Whether route-audit's prediction says the same: NOT-REACHED is its DOWN, NO-REPLY its BLOCKED.
     * Empty when either side could not tell, so there is nothing to compare.
     */
    public Optional<Boolean> agreesWith(Verdict predicted) {
        if (prediction == null || predicted == Verdict.UNKNOWN) return Optional.empty();
        return Optional.of(prediction == predicted);
    }
}
