package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hosts ssh_config names, and where each leads as ssh -G resolves it: what edge discovery matches addresses against. */
class SshConfigHostsTest {

    @Test
    void hostLinesNameTheirLiteralHostsInReadingOrderFollowingIncludes(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".ssh/conf.d"));
        Files.writeString(home.resolve(".ssh/conf.d/edges.conf"), "Host vps2\n  HostName 203.0.113.12\n");
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, String.join("\n",
                "Host fw firewall",
                "  HostName 192.0.2.1",
                "Host *.example.net vps? !vps9 \"quoted one\"",
                "  User ops",
                "Include " + home.resolve(".ssh/conf.d") + "/*.conf", // absolute: ssh -G reads the real ~/.ssh, not this test's
                "Match host vps3",
                "  Port 2222",
                "Host vps1",
                "  HostName 203.0.113.11",
                "Host fw",
                "  Port 22",
                "Host vps3 vps3.example.net",
                "  HostName %h",
                "Host *",
                "  User root",
                ""));
        assertEquals(List.of("fw", "firewall", "quoted one", "vps2", "vps1", "vps3", "vps3.example.net"),
                SshConfigFile.hostAliases(List.of(config, dir.resolve("missing")), home));
        // a relative Include is under ~/.ssh, as OpenSSH reads a user's file
        Path relative = dir.resolve("relative_config");
        Files.writeString(relative, "Include conf.d/*.conf\nHost last\n");
        assertEquals(List.of("vps2", "last"), SshConfigFile.hostAliases(List.of(relative), home));

        SshSettings s = SshSettings.defaults().withConfigFile(config).withHome(home).withEnv(Map.of());
        for (SshSettings settings : s.sshBinary().isPresent() ? List.of(s, s.withoutSshBinary()) : List.of(s.withoutSshBinary())) {
            List<ConfiguredHost> hosts = new SshConnector(settings).configuredHosts().join();
            assertEquals(List.of(new ConfiguredHost("fw", "192.0.2.1"), new ConfiguredHost("firewall", "192.0.2.1"),
                    new ConfiguredHost("vps2", "203.0.113.12"), new ConfiguredHost("vps1", "203.0.113.11"),
                    new ConfiguredHost("vps3", "vps3"), new ConfiguredHost("vps3.example.net", "vps3.example.net")),
                    hosts, "with OpenSSH: " + settings.sshBinary().isPresent());
        }
    }
}
