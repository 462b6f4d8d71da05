package ops.live;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import ops.base.OpsException;
import ops.remote.Remote;
import ops.remote.Running;
import ops.ssh.CommandResult;
import ops.ssh.SshConnection;
import ops.ssh.SshConnector;

/**
 * A {@link Remote} over one SSH connection, opened on first use. After a transport failure
 * the next command opens a new connection: a change script can then read back what
 * happened after the connection dropped mid-change.
 */
public final class SshRemote implements Remote, AutoCloseable {
    private final SshConnector ssh;
    private final String spec;
    private final String name;
    private SshConnection connection;

    public SshRemote(SshConnector ssh, String spec, String name) {
        this.ssh = ssh;
        this.spec = spec;
        this.name = name;
    }

    /** Opens the connection now: proves the host is reachable (host key, auth) or fails in one line. */
    public SshRemote connected() {
        connection();
        return this;
    }

    @Override
    public String name() { return name; }

    @Override
    public synchronized Result run(String command, String stdin, Duration timeout) {
        try {
            CommandResult r = connection().run(command, stdin, timeout);
            return new Result(r.exitStatus().orElse(-1), r.stdout(), r.stderr().isEmpty() && r.exitStatus().isEmpty()
                    ? r.failure() : r.stderr());
        } catch (OpsException e) {
            close(); // reconnect next time
            throw e;
        }
    }

    @Override
    public Running start(String command) {
        SshConnection.Started started;
        try {
            started = connection().start(command);
        } catch (OpsException e) {
            close(); // reconnect next time
            throw e;
        }
        return new Running() {
            @Override
            public OutputStream stdin() { return started.stdin(); }

            @Override
            public InputStream stdout() { return started.stdout(); }

            @Override
            public InputStream stderr() { return started.stderr(); }

            @Override
            public Optional<Integer> exitStatus(Duration timeout) { return started.exitStatus(timeout); }

            @Override
            public void close() { started.close(); }
        };
    }

    private synchronized SshConnection connection() {
        if (connection == null) connection = ssh.connect(spec);
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
