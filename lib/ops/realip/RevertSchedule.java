package ops.realip;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * When the armed reverts fire, in the safe order: the target's masquerade comes back first, the
 * firewall's default route {@link #GAP} s later, the other gateways' masquerade goes off last,
 * once the firewall's routing apply is done however slow it is. Every state in between is one
 * the plan verified. Measured on this machine's clock from the first timer armed; each timer
 * sleeps on its own host for the time left then.
 */
final class RevertSchedule {
    /** Seconds between the target's revert and the firewall's. */
    static final int GAP = 15;
    /** Seconds between the firewall's revert and the other gateways': a routing apply on a slow firewall. */
    static final int SETTLE = 45;
    /** A timer that would fire sooner than this is not armed: too late to change the target safely. */
    static final int MIN = 5;

    private final int seconds;
    private long startNanos;
    private LocalTime startTime;

    RevertSchedule(int seconds) { this.seconds = seconds; }

    int seconds() { return seconds; }

    /** The window starts when the first timer is armed (once). */
    synchronized void start() {
        if (startTime != null) return;
        startNanos = System.nanoTime();
        startTime = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The firewall's timer, armed first when the default moves: after the target's. */
    int firewallSeconds() { return seconds + GAP; }

    /** The other gateways' timers, armed after the window started: after the firewall's apply. */
    int othersSeconds() { return seconds + GAP + SETTLE; }

    /** The target's timer, armed last: what is left of the window now. */
    synchronized int targetSecondsNow() {
        if (startTime == null) return seconds;
        return seconds - (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
    }

    /** When the first revert fires: the deadline to confirm. */
    synchronized LocalTime firstRevert() {
        start();
        return startTime.plusSeconds(seconds);
    }

    /** By when every revert has fired. */
    synchronized LocalTime allReverted() {
        start();
        return startTime.plusSeconds(othersSeconds() + 5L);
    }
}
