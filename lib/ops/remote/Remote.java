package ops.remote;

import java.time.Duration;
import ops.base.OpsException;

/**
 * A host we run commands on: over SSH for real, a local shell or a network namespace in
 * tests. Transport failures are {@link ops.base.OpsException}s naming the host; a command
 * that runs and fails is a {@link Result} with its exit code and stderr.
 */
public interface Remote {
    /** How messages name the host ("fw1", "edge2"). */
    String name();

    /** Runs {@code command} with {@code /bin/sh -c}, feeding {@code stdin} (may be empty). */
    Result run(String command, String stdin, Duration timeout);

    default Result run(String command) {
        return run(command, "", Duration.ofSeconds(60));
    }

    /** Starts {@code command} and leaves it running, its input open (see {@link Running}). */
    default Running start(String command) {
        throw new OpsException(name() + ": cannot keep a command running on this host");
    }

    record Result(int exit, String out, String err) {
        public boolean ok() { return exit == 0; }

        /** The first line of stderr, or of stdout when stderr is empty, for one-line messages. */
        public String firstErrorLine() {
            String s = err.isBlank() ? out : err;
            return s.strip().lines().findFirst().orElse("exit " + exit);
        }
    }
}
