package ops.change;

import java.time.Duration;
import java.util.Optional;
import ops.base.OpsException;
import ops.remote.Remote;

/**
 * How a step is verified (or guarded): a read on a host and what it must show. Without a window
 * the host is read once; with one, reading goes on (a dropped connection is opened again) until
 * the read shows it or the window is over.
 *
 * @param expects what must hold, as the plan says it
 */
public record Check(Host host, String expects, Command read, Duration within, Judge judge) {

    /** Whether a read shows what is expected; throws an {@link OpsException} when the read says nothing usable. */
    @FunctionalInterface
    public interface Judge {
        boolean holds(Remote host, Remote.Result read);
    }

    public static Check once(Host host, String expects, Command read, Judge judge) {
        return new Check(host, expects, read, Duration.ZERO, judge);
    }

    public Verdict run() {
        Remote remote;
        try {
            remote = host.remote();
        } catch (OpsException unreachable) {
            return new Verdict(Verdict.State.UNREACHABLE, Optional.empty(), Optional.of(unreachable));
        }
        long until = System.nanoTime() + within.toNanos();
        Verdict last;
        while (true) {
            last = readOnce(remote);
            if (last.holds() || System.nanoTime() >= until) return last;
            sleep();
        }
    }

    private Verdict readOnce(Remote remote) {
        try {
            Remote.Result r = read.run(remote);
            return new Verdict(judge.holds(remote, r) ? Verdict.State.HOLDS : Verdict.State.FAILS, Optional.of(r), Optional.empty());
        } catch (OpsException e) {
            return new Verdict(Verdict.State.UNREADABLE, Optional.empty(), Optional.of(e));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
