package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ops.base.OpsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostConfigsTest {
    Path dir;
    Path config;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("ops-hostcfg");
        config = dir.resolve("ssh_config");
        Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(dir.resolve("home/.ssh/extra.conf"), "Host included\n  HostName 192.0.2.44\n  Port 2044\n");
        Files.writeString(config, String.join("\n",
                "Include " + dir.resolve("home/.ssh/extra.conf"),
                "Host fw1 firewall",
                "  HostName 192.0.2.1",
                "  User admin",
                "  Port 2222",
                "  IdentityFile ~/.ssh/fw_key",
                "  ConnectTimeout 7",
                "  ProxyJump bastion",
                "Host edge* !edge9",
                "  HostName %h.example.net",
                "  StrictHostKeyChecking accept-new",
                "  IdentityFile /keys/edge",
                "Host *",
                "  User ops",
                "  Port 22",
                "  IdentityFile /keys/all",
                "  UserKnownHostsFile ~/.ssh/kh1 /etc/kh2",
                ""));
    }

    @AfterEach
    void tearDown() throws IOException {
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private SshSettings settings(boolean withOpenSsh) {
        SshSettings s = SshSettings.defaults().withConfigFile(config).withHome(dir.resolve("home")).withEnv(Map.of());
        return withOpenSsh ? s : s.withoutSshBinary();
    }

    private void bothWays(java.util.function.Consumer<HostConfigs> check) {
        check.accept(new HostConfigs(settings(false)));
        if (settings(true).sshBinary().isPresent()) check.accept(new HostConfigs(settings(true)));
    }

    @Test
    void anAliasGetsHostNameUserPortKeysJumpAndTimeoutFirstValueWinning() {
        bothWays(configs -> {
            HostConfig h = configs.resolve(SshTarget.parse("fw1"));
            assertEquals("192.0.2.1", h.hostName());
            assertEquals("admin", h.user());
            assertEquals(2222, h.port());
            assertEquals(List.of(dir.resolve("home/.ssh/fw_key"), Path.of("/keys/all")), h.identityFiles());
            assertEquals("bastion", h.proxyJump().orElseThrow());
            assertEquals(Duration.ofSeconds(7), h.connectTimeout().orElseThrow());
            // ssh -G expands ~ itself (to the account's real home), our reader to the injected one
            assertTrue(h.userKnownHosts().get(0).endsWith(".ssh/kh1"), h.userKnownHosts().toString());
            assertEquals(Path.of("/etc/kh2"), h.userKnownHosts().get(1));
            assertEquals(HostConfig.StrictHostKeyChecking.ASK, h.strictHostKeyChecking());
        });
    }

    @Test
    void patternsNegationAndPercentHWork() {
        bothWays(configs -> {
            HostConfig e1 = configs.resolve(SshTarget.parse("edge1"));
            assertEquals("edge1.example.net", e1.hostName());
            assertEquals(HostConfig.StrictHostKeyChecking.ACCEPT_NEW, e1.strictHostKeyChecking());
            assertEquals(List.of(Path.of("/keys/edge"), Path.of("/keys/all")), e1.identityFiles());
            HostConfig e9 = configs.resolve(SshTarget.parse("edge9"));
            assertEquals("edge9", e9.hostName());
            assertEquals(List.of(Path.of("/keys/all")), e9.identityFiles());
        });
    }

    @Test
    void userAndPortWrittenInTheTargetWinOverTheConfig() {
        bothWays(configs -> {
            HostConfig h = configs.resolve(SshTarget.parse("root@fw1:2200"));
            assertEquals("root", h.user());
            assertEquals(2200, h.port());
            assertEquals("192.0.2.1", h.hostName());
        });
    }

    @Test
    void includeIsFollowed() {
        bothWays(configs -> {
            HostConfig h = configs.resolve(SshTarget.parse("included"));
            assertEquals("192.0.2.44", h.hostName());
            assertEquals(2044, h.port());
        });
    }

    @Test
    void sshGAppliesMatchBlocksWhichOnlyOpenSshCanEvaluate() throws IOException {
        assumeTrue(settings(true).sshBinary().isPresent(), "OpenSSH client not installed");
        Files.writeString(config, "Match originalhost matched\n  HostName 192.0.2.99\n  Port 2099\n" + Files.readString(config));
        HostConfig h = new HostConfigs(settings(true)).resolve(SshTarget.parse("matched"));
        assertEquals("192.0.2.99", h.hostName());
        assertEquals(2099, h.port());
    }

    @Test
    void aBrokenConfigIsOneLineNamingTheFile() throws IOException {
        assumeTrue(settings(true).sshBinary().isPresent(), "OpenSSH client not installed");
        Files.writeString(config, "Host x\n  Port notanumber\n");
        OpsException e = assertThrows(OpsException.class, () -> new HostConfigs(settings(true)).resolve(SshTarget.parse("x")));
        assertTrue(e.getMessage().contains("`ssh -G` rejects the ssh_config " + config), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void proxyCommandGetsOpenSshsTokensExpanded() throws IOException {
        Files.writeString(config, "Host pc\n  HostName 10.9.8.7\n  Port 2222\n  User ops\n  ProxyCommand ssh -W %h:%p %r@bastion %n %%\n"
                + "Host quoted\n  HostName 10.9.8.6\n  ProxyCommand=sh -c \"nc  %h %p\"\n");
        bothWays(configs -> {
            HostConfig h = configs.resolve(SshTarget.parse("pc"));
            assertEquals("ssh -W 10.9.8.7:2222 ops@bastion pc %", h.proxyCommand().orElseThrow());
            assertTrue(h.proxyJump().isEmpty());
            // a shell command keeps its quotes and spacing
            assertEquals("sh -c \"nc  10.9.8.6 22\"", configs.resolve(SshTarget.parse("quoted")).proxyCommand().orElseThrow());
        });
    }

    @Test
    void targetsParseUserHostPortAndRejectOptionsInDisguise() {
        SshTarget t = SshTarget.parse("ops@[2001:db8::1]:2222");
        assertEquals("ops", t.user().orElseThrow());
        assertEquals("2001:db8::1", t.host());
        assertEquals(2222, t.port().orElseThrow());
        assertEquals("edge1", SshTarget.parse("edge1").host());
        assertEquals(22, SshTarget.parse("ssh://a@h:22").port().orElseThrow());
        assertThrows(OpsException.class, () -> SshTarget.parse("-oProxyCommand=x"));
        assertThrows(OpsException.class, () -> SshTarget.parse("a b"));
        assertThrows(OpsException.class, () -> SshTarget.parse("h:99999"));
    }
}
