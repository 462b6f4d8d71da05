package ops.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import ops.base.OpsException;

/**
 * One authenticated SSH connection (through its jump hosts, if any). {@link #run} may be called
 * from several threads at once: each call is its own exec channel on the same connection, with
 * its own stdout, stderr and exit status.
 */
public final class SshConnection implements AutoCloseable {
    /** Reads channel streams; daemon threads so a hung server never keeps the JVM alive. */
    static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssh-io");
        t.setDaemon(true);
        return t;
    });

    private final HostConfig host;
    private final SSHClient client;
    private final List<SSHClient> hops; // jump connections, first hop first

    SshConnection(HostConfig host, SSHClient client, List<SSHClient> hops) {
        this.host = host;
        this.client = client;
        this.hops = List.copyOf(hops);
    }

    public HostConfig host() { return host; }

    /** The remote user we are logged in as (sudo is needed for root-only commands unless it is root). */
    public String user() { return host.user(); }

    /**
     * Runs one command and waits for it to end, at most {@code timeout}. A failing command is a
     * result, not an exception; a lost connection or a timeout is an {@link OpsException}.
     */
    public CommandResult run(String command, Duration timeout) {
        return run(command, "", timeout);
    }

    /** As {@link #run(String, Duration)}, feeding {@code stdin} to the command (then end of input). */
    public CommandResult run(String command, String stdin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Started started = start(command);
        Session session = started.session;
        Session.Command cmd = started.command;
        try {
            if (!stdin.isEmpty()) cmd.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            cmd.getOutputStream().close(); // EOF, so commands that read input never wait for more
        } catch (IOException e) {
            closeQuietly(session);
            throw cannotStart(command, e);
        }
        Future<String> out = IO.submit(() -> readAll(cmd.getInputStream()));
        Future<String> err = IO.submit(() -> readAll(cmd.getErrorStream()));
        try {
            String stdout = out.get(remaining(deadline), TimeUnit.NANOSECONDS);
            String stderr = err.get(remaining(deadline), TimeUnit.NANOSECONDS);
            cmd.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))), TimeUnit.MILLISECONDS);
            return new CommandResult(command, stdout, stderr, Optional.ofNullable(cmd.getExitStatus()),
                    Optional.ofNullable(cmd.getExitSignal()).map(Enum::name));
        } catch (TimeoutException | net.schmizz.sshj.connection.ConnectionException e) {
            if (e instanceof net.schmizz.sshj.connection.ConnectionException && remaining(deadline) > 0) {
                throw new OpsException(host.where() + ": `" + command + "` was cut off (" + SshFailure.cause(e)
                        + "); check the connection and retry", e);
            }
            IO.submit(() -> closeQuietly(session)); // closing waits for the server; never block the caller on it
            throw new OpsException(host.where() + ": `" + command + "` gave no result within " + timeout.toSeconds()
                    + " s; raise --command-timeout or find out why it hangs there");
        } catch (ExecutionException e) {
            throw new OpsException(host.where() + ": reading the output of `" + command + "` failed ("
                    + SshFailure.cause(e.getCause()) + "); check the connection and retry", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException(host.where() + ": interrupted while running `" + command + "`", e);
        } finally {
            if (remaining(deadline) > 0) closeQuietly(session);
        }
    }

    /**
     * Starts a command and leaves it running: its input stays open until {@link Started#stdin()}
     * is closed, its output is read as it comes.
     */
    public Started start(String command) {
        Session session = null;
        try {
            session = client.startSession();
            return new Started(session, session.exec(command));
        } catch (IOException e) {
            if (session != null) closeQuietly(session);
            throw cannotStart(command, e);
        } catch (IllegalStateException e) { // sshj: "Not connected", the transport is gone
            throw new OpsException(host.where() + ": the connection is lost (" + SshFailure.cause(e) + "), so `" + command
                    + "` did not run; check the connection and retry", e);
        }
    }

    private OpsException cannotStart(String command, IOException e) {
        return new OpsException(host.where() + ": could not start `" + command + "` (" + SshFailure.cause(e)
                + "); check the connection and sshd's MaxSessions", e);
    }

    /** A command started by {@link #start}; {@link #close()} ends its channel. */
    public static final class Started implements AutoCloseable {
        private final Session session;
        private final Session.Command command;

        private Started(Session session, Session.Command command) {
            this.session = session;
            this.command = command;
        }

        public java.io.OutputStream stdin() { return command.getOutputStream(); }

        public InputStream stdout() { return command.getInputStream(); }

        public InputStream stderr() { return command.getErrorStream(); }

        /** The exit status once the command ended within {@code timeout}; empty if it still runs or sent none. */
        public Optional<Integer> exitStatus(Duration timeout) {
            try {
                command.join(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (net.schmizz.sshj.connection.ConnectionException e) {
                return Optional.empty(); // still running (or the connection went): no status to give
            }
            return Optional.ofNullable(command.getExitStatus());
        }

        @Override
        public void close() {
            closeQuietly(session);
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
        List<SSHClient> reversed = new ArrayList<>(hops);
        java.util.Collections.reverse(reversed);
        for (SSHClient c : reversed) closeQuietly(c);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort; the result (or the real error) is already known
        }
    }
}
