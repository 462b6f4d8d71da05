package ops.defaultgw;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The armed revert's window: it starts when the timer is armed on the firewall, and every
 * message after that says when it fires.
 */
public final class RevertWindow {
    private final int seconds;
    private LocalTime firesAt;

    public RevertWindow(int seconds) { this.seconds = seconds; }

    public int seconds() { return seconds; }

    public void start() { firesAt = LocalTime.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS); }

    /** When the revert fires (from now, if the arming's answer never came). */
    public LocalTime firesAt() {
        if (firesAt == null) start();
        return firesAt;
    }
}
