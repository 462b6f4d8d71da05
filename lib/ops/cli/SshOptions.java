package ops.cli;
import ops.base.OpsException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import ops.ssh.SshSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** How scripts reach hosts: ssh_config, host-key policy, timeouts and the inventory file (inherited: before or after an action). */
public class SshOptions {
    @Option(scope = ScopeType.INHERIT, names = {"-F", "--ssh-config"}, paramLabel = "FILE",
            description = "Read SSH host settings from FILE instead of ~/.ssh/config and /etc/ssh/ssh_config (as `ssh -F`).")
    Path sshConfig;

    @Option(scope = ScopeType.INHERIT, names = "--accept-new", description = "Add unknown host keys to known_hosts (OpenSSH's accept-new); a changed key is still refused.")
    boolean acceptNew;

    @Option(scope = ScopeType.INHERIT, names = "--connect-timeout", paramLabel = "SECONDS",
            description = "Give up on a host that has not answered SSH within SECONDS (default: ConnectTimeout from ssh_config, else 10).")
    Integer connectTimeout;

    @Option(scope = ScopeType.INHERIT, names = "--command-timeout", paramLabel = "SECONDS",
            description = "Give up on a remote command after SECONDS (default: 60).")
    Integer commandTimeout;

    @Option(scope = ScopeType.INHERIT, names = "--inventory", paramLabel = "FILE",
            description = "The inventory (TOML) naming firewalls and their edges; default: $OPS_INVENTORY, ./ops.toml, ~/.config/ops/ops.toml.")
    Path inventory;

    @Option(scope = ScopeType.INHERIT, names = "--no-discover",
            description = "Read only the edges --edge and the inventory name; leave the other gateways' edges unread (by default they "
                    + "are found from the firewall's config.xml and your ssh_config's Hosts).")
    boolean noDiscover;

    public Optional<Path> inventory() { return Optional.ofNullable(inventory); }

    /** Whether to find the edges no --edge or inventory entry names. */
    public boolean discover() { return !noDiscover; }

    /** The user's SSH settings with these options applied. */
    public SshSettings settings() {
        SshSettings s = SshSettings.defaults().withAcceptNew(acceptNew);
        if (sshConfig != null) s = s.withConfigFile(sshConfig);
        if (connectTimeout != null) s = s.withConnectTimeout(Duration.ofSeconds(positive("--connect-timeout", connectTimeout)));
        if (commandTimeout != null) s = s.withCommandTimeout(Duration.ofSeconds(positive("--command-timeout", commandTimeout)));
        return s;
    }

    private static int positive(String option, int v) {
        if (v <= 0) throw new OpsException(option + " " + v + ": must be a positive number of seconds");
        return v;
    }
}
