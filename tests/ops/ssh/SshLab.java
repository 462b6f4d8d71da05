package ops.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway SSH world for tests: real OpenSSH sshd processes on 127.0.0.1 (high ports), with
 * their own host keys, a client key, authorized_keys, known_hosts and ssh_config, all in one temp
 * folder. Nothing here reads or writes the real ~/.ssh.
 */
public final class SshLab implements AutoCloseable {
    public static final String SSHD = "/usr/sbin/sshd";

    public final Path dir;
    public final Path home;
    public final Path clientKey;
    public final Path knownHosts;
    public final Path sshConfig;
    public final Path authorizedKeys;
    public final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<Sshd> servers = new ArrayList<>();

    /** One running sshd. */
    public record Sshd(String name, int port, Path keyDir, Process process) {
        public Path hostKey(String type) { return keyDir.resolve("ssh_host_" + type + "_key"); }
    }

    /** Skips the calling test (a JUnit assumption) where OpenSSH's server or ssh-keygen is missing. */
    public static void assumeOpenSsh() {
        assumeTrue(Files.isExecutable(Path.of(SSHD)), "OpenSSH server not installed (" + SSHD + ")");
        assumeTrue(SshSettings.findOnPath("ssh-keygen").isPresent(), "ssh-keygen not on PATH");
    }

    public SshLab() throws IOException {
        assumeOpenSsh();
        dir = Files.createTempDirectory("ops-sshlab");
        home = Files.createDirectories(dir.resolve("home"));
        clientKey = dir.resolve("id_ed25519");
        keygen(clientKey, "ed25519", "");
        authorizedKeys = dir.resolve("authorized_keys");
        Files.copy(pub(clientKey), authorizedKeys);
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "");
        sshConfig = dir.resolve("ssh_config");
        Files.writeString(sshConfig, "");
        if (isRoot()) Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation folder
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Settings pointing only at this lab: its ssh_config, its home, no passphrase, warnings collected.
     * The timeouts only bound a hang (a local sshd on a busy machine can be slow to answer).
     */
    public SshSettings settings() {
        return SshSettings.defaults().withConfigFile(sshConfig).withHome(home).withEnv(Map.of())
                .withWarn(warnings::add).withConnectTimeout(Duration.ofSeconds(30)).withCommandTimeout(Duration.ofSeconds(60));
    }

    /** As {@link #settings()}, but each host's connect timeout is its ssh_config ConnectTimeout (else the default). */
    public SshSettings settingsWithConfigConnectTimeouts() {
        SshSettings s = settings();
        return new SshSettings(s.sshBinary(), s.configFile(), s.home(), s.acceptNew(), java.util.Optional.empty(),
                s.commandTimeout(), s.env(), s.warn());
    }

    public static void keygen(Path file, String type, String passphrase) throws IOException {
        run(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "ops-test", "-f", file.toString()));
    }

    public static Path pub(Path key) { return Path.of(key + ".pub"); }

    /**
     * Starts an sshd with an ed25519 host key of its own and this JVM's RSA host key ({@link #rsaHostKey});
     * {@code extra} lines go into its sshd_config.
     */
    public Sshd start(String name, String... extra) throws IOException {
        Path keyDir = Files.createDirectories(dir.resolve("sshd-" + name));
        keygen(keyDir.resolve("ssh_host_ed25519_key"), "ed25519", "");
        Path rsa = rsaHostKey();
        Files.copy(rsa, keyDir.resolve("ssh_host_rsa_key"), StandardCopyOption.COPY_ATTRIBUTES); // 0600, or sshd refuses it
        Files.copy(pub(rsa), keyDir.resolve("ssh_host_rsa_key.pub"), StandardCopyOption.COPY_ATTRIBUTES);
        return startWithKeys(name, keyDir, extra);
    }

    private static Path sharedRsa;

    /**
     * One RSA host key for every sshd this JVM starts: making one costs 0.3 to 5 CPU-s (a whole run
     * made 91, 76 CPU-s). The ed25519 key, which ssh and sshj take first, stays each sshd's own, and
     * no test tells two servers apart by their RSA keys.
     */
    private static synchronized Path rsaHostKey() throws IOException {
        if (sharedRsa == null) {
            Path key = Files.createTempDirectory("ops-rsa-host").resolve("ssh_host_rsa_key");
            keygen(key, "rsa", "");
            sharedRsa = key;
        }
        return sharedRsa;
    }

    /** Starts (or restarts) an sshd on a fresh port with the host keys already in {@code keyDir}. */
    public Sshd startWithKeys(String name, Path keyDir, String... extra) throws IOException {
        int port = freePort();
        List<String> cfg = new ArrayList<>(List.of(
                "Port " + port, "ListenAddress 127.0.0.1", "PidFile none",
                "HostKey " + keyDir.resolve("ssh_host_ed25519_key"), "HostKey " + keyDir.resolve("ssh_host_rsa_key"),
                "AuthorizedKeysFile " + authorizedKeys, "StrictModes no", "UsePAM no", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "AllowTcpForwarding yes",
                "MaxSessions 20", "LogLevel ERROR"));
        cfg.addAll(0, List.of(extra)); // first value wins in sshd_config too
        Path cfgFile = keyDir.resolve("sshd_config." + port);
        Files.write(cfgFile, cfg);
        List<String> sshd = new ArrayList<>(List.of(SSHD, "-D", "-e", "-f", cfgFile.toString()));
        if (NO_REEXEC) sshd.add(1, "-r");
        Process p = new ProcessBuilder(serverCommand(sshd))
                .redirectErrorStream(true).redirectOutput(keyDir.resolve("sshd.log." + port).toFile())
                .redirectInput(new File("/dev/null")).start();
        Sshd s = new Sshd(name, port, keyDir, p);
        servers.add(s);
        waitListening(s, keyDir.resolve("sshd.log." + port));
        return s;
    }

    /**
     * sshd re-executes itself for every connection; -r skips that (~15% of a connection's CPU, nothing
     * a client sees). Only where this sshd takes it: `sshd -r -V` exits 0.
     */
    private static final boolean NO_REEXEC = succeeds(SSHD, "-r", "-V");

    /** The command ran and exited 0 (within 30 s). */
    private static boolean succeeds(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(new File("/dev/null")).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * As root, the sshd runs in a mount namespace of its own where root's home is an empty folder of
     * this lab: bash sources ~/.bashrc for every command sshd runs, and this machine's (pyenv's init)
     * started ~30 processes per command, more than the test itself. Elsewhere sshd runs as it is.
     */
    private List<String> serverCommand(List<String> sshd) throws IOException {
        if (!PRIVATE_MOUNTS) return sshd;
        Path serverHome = Files.createDirectories(dir.resolve("server-home"));
        // a bind that fails leaves the home as it is (slower sessions, same results)
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" \"$2\" 2>/dev/null; shift 2; exec \"$@\"", "sh", serverHome.toString(), System.getProperty("user.home")));
        cmd.addAll(sshd);
        return cmd;
    }

    /** Root, and a mount namespace can be made here (a container may forbid it): `unshare --mount true`. */
    private static final boolean PRIVATE_MOUNTS = isRoot() && succeeds("unshare", "--mount", "--propagation", "private", "true");

    /** Adds `Host alias` with HostName 127.0.0.1, the server's port, the lab's key and known_hosts. */
    public void alias(String alias, Sshd s, String... extra) throws IOException {
        StringBuilder sb = new StringBuilder("Host " + alias + "\n  HostName 127.0.0.1\n  Port " + s.port() + "\n");
        for (String e : extra) sb.append("  ").append(e).append('\n');
        sb.append("  User ").append(System.getProperty("user.name")).append('\n')
                .append("  IdentityFile ").append(clientKey).append('\n')
                .append("  UserKnownHostsFile ").append(knownHosts).append('\n')
                .append("  GlobalKnownHostsFile /dev/null\n")
                .append("  StrictHostKeyChecking yes\n");
        Files.writeString(sshConfig, sb.toString(), StandardOpenOption.APPEND);
    }

    /** Puts the server's host key of {@code type} ("ed25519", "rsa") into the lab's known_hosts. */
    public void trust(Sshd s, String type) throws IOException {
        String[] pub = Files.readString(pub(s.hostKey(type))).trim().split("\\s+");
        Files.writeString(knownHosts, "[127.0.0.1]:" + s.port() + " " + pub[0] + " " + pub[1] + "\n", StandardOpenOption.APPEND);
    }

    public String knownHostsText() throws IOException { return Files.readString(knownHosts); }

    public static int freePort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return ss.getLocalPort();
        }
    }

    private static void waitListening(Sshd s, Path log) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // only bounds a hang: a busy machine starts sshd late
        while (System.nanoTime() < end) {
            if (!s.process().isAlive()) {
                throw new IOException("sshd " + s.name() + " exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket c = new Socket()) {
                c.connect(new InetSocketAddress("127.0.0.1", s.port()), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IOException("sshd " + s.name() + " did not listen on " + s.port());
    }

    public static void run(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(cmd + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop(Sshd s) {
        s.process().destroy();
        try {
            // an sshd still there after SIGTERM (seen after full runs: all 8 of a class left running) is killed
            if (!s.process().waitFor(5, TimeUnit.SECONDS)) s.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            s.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
        servers.remove(s);
    }

    @Override
    public void close() throws IOException {
        for (Sshd s : new ArrayList<>(servers)) stop(s);
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
