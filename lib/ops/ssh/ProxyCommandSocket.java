package ops.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A ProxyCommand run as OpenSSH runs it (`exec $SHELL -c COMMAND`, tokens already expanded), its
 * stdin and stdout standing in for the TCP socket sshj would open. Closing the socket stops the
 * command. Its stderr is read all along: shown on ours only with --debug, and its last line kept
 * for the message when the command exits before SSH is up.
 */
final class ProxyCommandSocket extends Socket {
    /** Set by the CLI for --debug (a process-wide switch, as --debug is). */
    static final String DEBUG_PROPERTY = "ops.debug";

    private final String command;
    private final Process process;
    private volatile String lastErr = "";
    private final Thread drain;

    private ProxyCommandSocket(String command, Process process) {
        this.command = command;
        this.process = process;
        drain = new Thread(this::drainErr, "proxycommand-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts {@code command} through the user's shell ($SHELL, else /bin/sh), without our secrets in its environment. */
    static ProxyCommandSocket start(String command, Map<String, String> env) throws IOException {
        String shell = Optional.ofNullable(env.get("SHELL")).filter(s -> !s.isBlank()).orElse("/bin/sh");
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", "exec " + command);
        pb.environment().putAll(env);
        ops.base.LocalProcess.SECRETS.forEach(pb.environment()::remove);
        return new ProxyCommandSocket(command, pb.start());
    }

    String command() { return command; }

    /** A factory that hands sshj this one socket. */
    javax.net.SocketFactory factory() {
        Socket self = this;
        return new javax.net.SocketFactory() {
            @Override
            public Socket createSocket() { return self; }

            @Override
            public Socket createSocket(String host, int port) { return self; }

            @Override
            public Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) { return self; }

            @Override
            public Socket createSocket(java.net.InetAddress host, int port) { return self; }

            @Override
            public Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort) { return self; }
        };
    }

    /** The exit code once the command has ended (waiting briefly for it to end after its output closed). */
    Optional<Integer> exitCode() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) return Optional.of(process.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** The last line the command wrote on stderr, or "" (once it has ended: all it wrote, read to the end). */
    String lastErrorLine() {
        if (!process.isAlive()) {
            // its stderr ends with it, unless a child of its own still holds it (a loaded machine may take seconds
            // to read it). Waited for even when this thread was interrupted (a connect watchdog does that): the
            // line is what the user needs; the interrupt is kept for the caller.
            boolean interrupted = Thread.interrupted();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (drain.isAlive() && System.nanoTime() < deadline) {
                try {
                    drain.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        return lastErr;
    }

    private void drainErr() {
        boolean debug = Boolean.getBoolean(DEBUG_PROPERTY);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) lastErr = line.strip();
                if (debug) System.err.println(line);
            }
        } catch (IOException ignored) {
            // the command is gone; what it said so far is kept
        }
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) {
        // already "connected": the command's pipes are the connection
    }

    @Override
    public boolean isConnected() { return true; }

    @Override
    public InputStream getInputStream() { return process.getInputStream(); }

    @Override
    public OutputStream getOutputStream() { return process.getOutputStream(); }

    @Override
    public void setSoTimeout(int timeout) {
        // pipes have no read timeout; the connector's watchdog bounds the handshake instead
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // not a TCP socket
    }

    @Override
    public synchronized void close() {
        // through its handle: Process.destroy() also closes our end of its stderr, and the last line (read by
        // the drain thread, maybe not yet) would be lost for the error message
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) handle.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
        closeQuietly(process.getOutputStream()); // the connection's two pipes; stderr is the drain thread's to close
        closeQuietly(process.getInputStream());
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
