package ops.ssh;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH ssh-agent for tests, on its own socket in a lab folder, keys added with the real
 * ssh-add. Its confirmations (`ssh-add -c`) are answered by an askpass program that allows or
 * denies, so a denied use is the agent's own refusal, not a simulation.
 */
public final class SshAgent implements AutoCloseable {
    public final Path socket;
    private final Process process;

    private SshAgent(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    /** Starts ssh-agent in the foreground on {@code dir}/agent.sock; {@code allowConfirm} answers `ssh-add -c` prompts. */
    public static SshAgent start(Path dir, boolean allowConfirm) throws IOException {
        Path askpass = dir.resolve(allowConfirm ? "askpass-yes" : "askpass-no");
        Files.writeString(askpass, "#!/bin/sh\nexit " + (allowConfirm ? 0 : 1) + "\n");
        askpass.toFile().setExecutable(true);
        // a Unix socket path holds at most 107 bytes: the test folders are too deep, /tmp is not
        Path socket = Files.createTempDirectory(Path.of("/tmp"), "ops-agent").resolve(allowConfirm ? "yes.sock" : "no.sock");
        ProcessBuilder pb = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().put("SSH_ASKPASS", askpass.toString());
        pb.environment().put("SSH_ASKPASS_REQUIRE", "force");
        pb.environment().put("DISPLAY", ":0");
        Process p = pb.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // only bounds a hang on a busy machine
        // the socket file appears at bind(), a moment before listen(): a client in between is refused
        // (seen once on a busy machine), so the agent is ready when a connection is taken
        while (!accepts(socket)) {
            if (!p.isAlive() || System.nanoTime() > end) throw new IOException("ssh-agent did not start: " + Files.readString(dir.resolve("agent.log")));
            SshLab.sleep(20);
        }
        return new SshAgent(socket, p);
    }

    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) return false;
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** `ssh-add [options] KEY` against this agent. */
    public void add(Path key, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ssh-add", "-q"));
        cmd.addAll(List.of(options));
        cmd.add(key.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null"));
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(cmd + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The environment a user with this agent has. */
    public Map<String, String> env() { return Map.of("SSH_AUTH_SOCK", socket.toString()); }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a leftover empty folder in /tmp
        }
    }
}
