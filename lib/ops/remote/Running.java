package ops.remote;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * A command left running on a host: its input stays open for as long as we want to talk to
 * it, its output is read as it comes. For commands that run while something else happens
 * (a packet capture around a probe); {@link Remote#run} is for everything else.
 */
public interface Running extends AutoCloseable {
    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** Waits at most {@code timeout} for the command to end; its exit status, or empty if it still runs (or sent none). */
    Optional<Integer> exitStatus(Duration timeout);

    /** Ends the command (closes the channel or kills the process) if it still runs. Never throws. */
    @Override
    void close();
}
