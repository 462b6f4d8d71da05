package ops.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the SSH layer takes from the user's machine, in one injectable value, so that tests
 * run against their own ssh_config, keys and known_hosts and never touch the real ~/.ssh.
 *
 * @param sshBinary      the OpenSSH client used for `ssh -G`, or empty to read the config file ourselves
 * @param configFile     an explicit ssh_config (`ssh -F`); empty = OpenSSH's usual files
 * @param home           where `~` points (default key names, ~/.ssh/config)
 * @param acceptNew      accept-new host-key semantics whatever the config says
 * @param connectTimeout overrides ConnectTimeout from the config when present
 * @param commandTimeout how long one remote command may run
 * @param env            environment (the passphrase variable is read from here)
 * @param warn           where one-line warnings go (e.g. "Permanently added ...")
 */
public record SshSettings(Optional<String> sshBinary, Optional<Path> configFile, Path home, boolean acceptNew,
                          Optional<Duration> connectTimeout, Duration commandTimeout, Map<String, String> env,
                          Consumer<String> warn) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** The environment variable holding the passphrase of encrypted keys (never an argument). */
    public static final String PASSPHRASE_ENV = ops.base.LocalProcess.SECRETS.get(0);

    /** The user's own machine: OpenSSH's `ssh` if on PATH, real home, real environment, warnings on stderr. */
    public static SshSettings defaults() {
        return new SshSettings(findOnPath("ssh"), Optional.empty(), Path.of(System.getProperty("user.home")), false,
                Optional.empty(), DEFAULT_COMMAND_TIMEOUT, System.getenv(), System.err::println);
    }

    public SshSettings withConfigFile(Path file) {
        return new SshSettings(sshBinary, Optional.of(file), home, acceptNew, connectTimeout, commandTimeout, env, warn);
    }

    public SshSettings withAcceptNew(boolean yes) {
        return new SshSettings(sshBinary, configFile, home, yes, connectTimeout, commandTimeout, env, warn);
    }

    public SshSettings withConnectTimeout(Duration d) {
        return new SshSettings(sshBinary, configFile, home, acceptNew, Optional.of(d), commandTimeout, env, warn);
    }

    public SshSettings withCommandTimeout(Duration d) {
        return new SshSettings(sshBinary, configFile, home, acceptNew, connectTimeout, d, env, warn);
    }

    public SshSettings withHome(Path dir) {
        return new SshSettings(sshBinary, configFile, dir, acceptNew, connectTimeout, commandTimeout, env, warn);
    }

    public SshSettings withEnv(Map<String, String> vars) {
        return new SshSettings(sshBinary, configFile, home, acceptNew, connectTimeout, commandTimeout, Map.copyOf(vars), warn);
    }

    public SshSettings withWarn(Consumer<String> sink) {
        return new SshSettings(sshBinary, configFile, home, acceptNew, connectTimeout, commandTimeout, env, sink);
    }

    /** Without OpenSSH's client: host settings then come from our own ssh_config reader. */
    public SshSettings withoutSshBinary() {
        return new SshSettings(Optional.empty(), configFile, home, acceptNew, connectTimeout, commandTimeout, env, warn);
    }

    /** Expands a leading `~/` the way OpenSSH does in ssh_config paths. */
    public Path expand(String path) {
        if (path.equals("~")) return home;
        if (path.startsWith("~/")) return home.resolve(path.substring(2));
        return Path.of(path);
    }

    public static Optional<String> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) return Optional.of(p.toString());
        }
        return Optional.empty();
    }
}
