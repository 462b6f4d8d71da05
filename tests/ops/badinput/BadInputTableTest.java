package ops.badinput;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import ops.live.SnapshotHosts;
import ops.ssh.SshLab;
import ops.support.Repo;
import ops.support.ScriptProcess;
import ops.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of docs/bad-input.md, run as the user runs it (the script in its own JVM, real
 * sshds on loopback): the exit code and the error line must be exactly what the row says. A row
 * without a scenario here, or a scenario without a row, fails too, so the table cannot drift.
 */
@Tag("slow") // minutes of JBang builds or many sshds: a JVM of its own in tests/run (runner.Job), beside the others
class BadInputTableTest {
    static final Path EXAMPLE = Repo.path("examples/double-nat");
    static SshLab lab;
    static Path work;
    static Path inventory;
    static Path full;
    static ServerSocket silent;
    static ops.ssh.SshAgent denyingAgent;
    static final List<AutoCloseable> cleanup = new ArrayList<>();

    /** A row of the table: {@code command} is shown to people; the scenario decides what really runs. */
    record Row(String id, String command, int exit, String message) {}

    static final Map<String, Function<Row, ScriptProcess.Result>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("malformed-config", r -> offline(snapshot("malformed", s -> s.replaceFirst("</gateways>", ""), null)));
        SCENARIOS.put("truncated-config", r -> offline(snapshot("truncated", s -> s.substring(0, s.length() / 2), null)));
        SCENARIOS.put("unsupported-version", r -> offline(snapshot("old", s -> s.replaceFirst("<version>[^<]*</version>", "<version>15.5</version>"), null)));
        SCENARIOS.put("empty-routing-table", r -> offline(snapshot("noroutes", s -> s, "")));
        SCENARIOS.put("wrong-ifconfig", r -> {
            Path dir = snapshot("wrongifconfig", s -> s, null);
            copy(EXAMPLE.resolve("routes.txt"), dir.resolve("ifconfig.txt.tmp"));
            try {
                Files.move(dir.resolve("ifconfig.txt.tmp"), dir.resolve("ifconfig.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return offline(dir);
        });
        SCENARIOS.put("both-nat-snapshot", r -> {
            Path dir = snapshot("bothnat", s -> s, null);
            copy(EXAMPLE.resolve("edges/EDGE3_VPNV4.nft.json"), dir.resolve("edges/EDGE1_VPNV4.nft.json"));
            return offline(dir);
        });
        SCENARIOS.put("both-nat-live", r -> live(Map.of(), "route-audit", "fw", "--edge", "EDGE1_VPNV4=bothedge"));
        SCENARIOS.put("unknown-gateway", r -> live(Map.of(), "nat-toggle", "fw", "NOPE_VPNV4", "off", "--dry-run"));
        SCENARIOS.put("ipv6-gateway", r -> live(Map.of(), "default-route", "fw", "set", "WAN6_GW", "--dry-run"));
        SCENARIOS.put("host-key-changed", r -> live(Map.of(), "route-audit", "changedfw"));
        SCENARIOS.put("auth-refused", r -> live(Map.of(), "route-audit", "refusingfw"));
        SCENARIOS.put("jump-host-down", r -> live(Map.of(), "route-audit", "behinddeadjump"));
        SCENARIOS.put("silent-port", r -> live(Map.of(), "route-audit", "silentfw", "--connect-timeout", "2"));
        SCENARIOS.put("agent-socket-missing", r -> live(Map.of("SSH_AUTH_SOCK", lab.dir.resolve("agent.sock").toString()), "route-audit", "agentfw"));
        SCENARIOS.put("agent-refuses", r -> live(denyingAgent.env(), "route-audit", "agentfw"));
        SCENARIOS.put("proxycommand-exits", r -> live(Map.of(), "route-audit", "proxiedfw"));
        SCENARIOS.put("user-certificate-expired", r -> live(Map.of(), "route-audit", "oldusercertfw"));
        SCENARIOS.put("host-certificate-expired", r -> live(Map.of(), "route-audit", "oldhostcertfw"));
        SCENARIOS.put("write-inventory-fleet-file", r -> {
            Path fleet = work.resolve("fleet.toml");
            try {
                Files.writeString(fleet, "[firewalls.fw]\n[firewalls.fw2]\nssh = \"root@192.0.2.2\"\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return live(Map.of(), "route-audit", "fw", "--write-inventory", fleet.toString());
        });
        SCENARIOS.put("permission-denied", r -> {
            assumeTrue(TestUsers.canCreate(), "needs root and useradd (CI has both)");
            return live(Map.of(), "route-audit", "userfw");
        });
        SCENARIOS.put("disk-full-snapshot", r -> {
            assumeTrue(full != null, "needs root to mount a tiny tmpfs (CI has it)");
            return live(Map.of(), "route-audit", "fw", "--save-snapshot", full.resolve("snap").toString());
        });
        // the admin's own path and paths made worse: fw2 serves a firewall whose default is EDGE2 (real client IPs)
        SCENARIOS.put("default-route-breaks-path", r -> live(Map.of(), "default-route", "fw2", "set", "EDGE1_VPNV4", "--dry-run"));
        SCENARIOS.put("admin-path-default-route", r -> live(Map.of(), "default-route", "adminfw2", "set", "EDGE1_VPNV4", "--yes"));
        SCENARIOS.put("admin-path-nat-toggle", r -> live(Map.of(), "nat-toggle", "maskedadminfw2", "EDGE1_VPNV4", "off", "--yes"));
        SCENARIOS.put("real-ip-unknown-gateway", r -> live(Map.of(), "real-ip", "fw", "set", "NOPE_VPNV4", "--dry-run"));
        SCENARIOS.put("real-ip-not-an-edge", r -> live(Map.of(), "real-ip", "fw", "set", "WAN_DHCP", "--dry-run"));
        SCENARIOS.put("real-ip-short-window", r -> live(Map.of(), "real-ip", "fw", "set", "EDGE2_VPNV4", "--confirm-within", "5"));
        SCENARIOS.put("real-ip-nothing-recorded", r -> live(Map.of(), "real-ip", "fw", "undo"));
        SCENARIOS.put("disk-full-record", r -> {
            assumeTrue(full != null, "needs root to mount a tiny tmpfs (CI has it)");
            return live(Map.of("OPS_STATE_DIR", full.resolve("state").toString()), "default-route", "fw", "set", "EDGE2_VPNV4", "--yes");
        });
    }

    @BeforeAll
    static void up() throws IOException {
        lab = new SshLab();
        work = Files.createDirectories(lab.dir.resolve("bad"));
        // the firewall serves the example plus an IPv6 gateway; an extra edge has NAT in iptables AND a native nft table
        Path served = snapshot("served", s -> s.replace("\t<gateways>\n", "\t<gateways>\n\t\t<gateway_item>\n\t\t\t<interface>wan</interface>\n"
                + "\t\t\t<gateway>2001:db8::1</gateway>\n\t\t\t<name>WAN6_GW</name>\n\t\t\t<weight>1</weight>\n"
                + "\t\t\t<ipprotocol>inet6</ipprotocol>\n\t\t\t<descr><![CDATA[IPv6 uplink]]></descr>\n\t\t</gateway_item>\n"), null);
        copy(EXAMPLE.resolve("edges/EDGE1_VPNV4.iptables"), served.resolve("edges/BOTHNAT.iptables"));
        copy(EXAMPLE.resolve("edges/EDGE1_VPNV4.addr.json"), served.resolve("edges/BOTHNAT.addr.json"));
        Files.writeString(served.resolve("edges/BOTHNAT.nft.json"), Files.readString(EXAMPLE.resolve("edges/EDGE3_VPNV4.nft.json"))
                .replace("\"table\": \"nat\"", "\"table\": \"mynat\"").replace("\"name\": \"nat\"", "\"name\": \"mynat\""));
        for (int n = 1; n <= 2; n++) { // EDGE1 and EDGE2 also publish the firewall's own sshd, as tcp/2222
            Path ipt = served.resolve("edges/EDGE" + n + "_VPNV4.iptables");
            Files.writeString(ipt, Files.readString(ipt).replaceFirst("\n-A PREROUTING ", "\n-A PREROUTING -d 203.0.113.1" + n
                    + "/32 -i eth0 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 10.8." + n + ".2:22\n-A PREROUTING "));
        }
        Path serve = SnapshotHosts.install(lab, served);
        SnapshotHosts.Hosts hosts = SnapshotHosts.startAll(lab, serve);
        SshLab.Sshd fw = hosts.firewall();
        inventory = hosts.inventory();
        SshLab.Sshd both = lab.start("bothedge", "ForceCommand " + serve + " BOTHNAT");
        lab.alias("bothedge", both);
        lab.trust(both, "ed25519");

        // host key changed: known_hosts holds another server's key for this one's address
        SshLab.Sshd changed = lab.start("changed");
        lab.alias("changedfw", changed);
        String[] other = Files.readString(SshLab.pub(fw.hostKey("ed25519"))).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "[127.0.0.1]:" + changed.port() + " " + other[0] + " " + other[1] + "\n", StandardOpenOption.APPEND);
        // auth refused: a key the server does not know
        Path stranger = lab.dir.resolve("id_stranger");
        SshLab.keygen(stranger, "ed25519", "");
        Files.writeString(lab.sshConfig, "Host refusingfw\n  HostName 127.0.0.1\n  Port " + fw.port() + "\n  IdentityFile " + stranger
                + "\n  IdentitiesOnly yes\n  UserKnownHostsFile " + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n", StandardOpenOption.APPEND);
        // jump host down: nothing listens where the ProxyJump points
        int closed = SshLab.freePort();
        Files.writeString(lab.sshConfig, "Host deadjump\n  HostName 127.0.0.1\n  Port " + closed + "\n"
                + "Host behinddeadjump\n  HostName 127.0.0.1\n  Port " + fw.port() + "\n  ProxyJump deadjump\n", StandardOpenOption.APPEND);
        // silent port: accepts and never says a word
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Files.writeString(lab.sshConfig, "Host silentfw\n  HostName 127.0.0.1\n  Port " + silent.getLocalPort() + "\n", StandardOpenOption.APPEND);
        // the agent: a key only it holds, added with ssh-add -c to an agent whose confirmations are denied
        Path agentKey = lab.dir.resolve("id_agent");
        SshLab.keygen(agentKey, "ed25519", "");
        Files.writeString(lab.authorizedKeys, Files.readString(SshLab.pub(agentKey)), StandardOpenOption.APPEND);
        denyingAgent = ops.ssh.SshAgent.start(lab.dir, false);
        cleanup.add(denyingAgent);
        denyingAgent.add(agentKey, "-c");
        Files.delete(agentKey);
        Files.writeString(lab.sshConfig, "Host agentfw\n  HostName 127.0.0.1\n  Port " + fw.port() + "\n  IdentityFile none\n"
                + "  UserKnownHostsFile " + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n", StandardOpenOption.APPEND);
        // a ProxyCommand that cannot reach the firewall
        Files.writeString(lab.sshConfig, "Host proxiedfw\n  HostName 127.0.0.1\n  Port " + fw.port()
                + "\n  ProxyCommand sh -c 'echo \"bastion: connect to host fw port 22: No route to host\" >&2; exit 255'\n"
                + "  UserKnownHostsFile " + lab.knownHosts + "\n", StandardOpenOption.APPEND);
        // certificates past their date: the user's (the server trusts its CA) and the host's (known_hosts trusts its CA)
        Path ca = lab.dir.resolve("ca");
        SshLab.keygen(ca, "ed25519", "");
        Path userKey = lab.dir.resolve("id_user");
        SshLab.keygen(userKey, "ed25519", "");
        SshLab.run(List.of("ssh-keygen", "-q", "-s", ca.toString(), "-I", "ops", "-n", System.getProperty("user.name"),
                "-V", "20250101:20250102", userKey + ".pub"));
        SshLab.Sshd certServer = lab.start("usercert", "TrustedUserCAKeys " + SshLab.pub(ca), "AuthorizedKeysFile none");
        lab.trust(certServer, "ed25519");
        Files.writeString(lab.sshConfig, "Host oldusercertfw\n  HostName 127.0.0.1\n  Port " + certServer.port() + "\n  IdentityFile "
                + userKey + "\n  IdentitiesOnly yes\n  UserKnownHostsFile " + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n",
                StandardOpenOption.APPEND);
        Path keyDir = Files.createDirectories(lab.dir.resolve("sshd-oldhostcert"));
        SshLab.keygen(keyDir.resolve("ssh_host_ed25519_key"), "ed25519", "");
        SshLab.keygen(keyDir.resolve("ssh_host_rsa_key"), "rsa", "");
        SshLab.run(List.of("ssh-keygen", "-q", "-s", ca.toString(), "-h", "-I", "fw", "-n", "127.0.0.1", "-V", "20250101:20250102",
                keyDir.resolve("ssh_host_ed25519_key.pub").toString()));
        SshLab.Sshd oldHost = lab.startWithKeys("oldhostcert", keyDir, "HostCertificate " + keyDir.resolve("ssh_host_ed25519_key-cert.pub"));
        String[] caPub = Files.readString(SshLab.pub(ca)).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "@cert-authority [127.0.0.1]:" + oldHost.port() + " " + caPub[0] + " " + caPub[1] + "\n",
                StandardOpenOption.APPEND);
        lab.alias("oldhostcertfw", oldHost);
        if (TestUsers.canCreate()) {
            cleanup.add(TestUsers.create(TestUsers.PLAIN, lab));
            lab.alias("userfw", fw, "User " + TestUsers.PLAIN);
        }
        if (SshLab.isRoot()) full = TinyDisk.mount(lab.dir.resolve("full"), cleanup);
        secondFirewall(serve); // last: its host keys go after the known_hosts lines the rows above name
    }

    /**
     * fw2: the same edges, a firewall whose default is EDGE2 (it keeps client IPs) and whose OpenVPN tab
     * passes SSH to the firewall itself; as fw2 its sshd sees a loopback session, as adminfw2 the admin
     * through EDGE2's tcp/2222 with a real address, as maskedadminfw2 through EDGE1's, masqueraded.
     */
    static void secondFirewall(Path serve) throws IOException {
        Path snap = lab.dir.resolve("snap"), snap2 = lab.dir.resolve("snap2");
        SnapshotHosts.copyTree(snap, snap2);
        Files.writeString(snap2.resolve("config.xml"), Files.readString(snap2.resolve("config.xml"))
                .replace("<defaultgw4>EDGE1_VPNV4</defaultgw4>", "<defaultgw4>EDGE2_VPNV4</defaultgw4>")
                .replaceFirst("<filter>\n", "<filter>\n\t\t<rule>\n\t\t\t<tracker>1700000103</tracker>\n\t\t\t<type>pass</type>\n"
                        + "\t\t\t<interface>openvpn</interface>\n\t\t\t<ipprotocol>inet</ipprotocol>\n\t\t\t<protocol>tcp</protocol>\n"
                        + "\t\t\t<source>\n\t\t\t\t<any></any>\n\t\t\t</source>\n\t\t\t<destination>\n\t\t\t\t<network>(self)</network>\n"
                        + "\t\t\t\t<port>22</port>\n\t\t\t</destination>\n\t\t\t<descr><![CDATA[SSH to this firewall]]></descr>\n\t\t</rule>\n"));
        Files.writeString(snap2.resolve("routes.txt"), Files.readString(snap2.resolve("routes.txt"))
                .replace("default            10.8.1.1           UGS       ovpnc1", "default            10.8.2.1           UGS       ovpnc2"));
        Files.writeString(snap2.resolve("pf-rules.txt"), Files.readString(snap2.resolve("pf-rules.txt")).replace("anchor \"tftp-proxy/*\" all\n",
                "pass in quick on openvpn inet proto tcp from any to (self) port = ssh flags S/SA keep state label \"USER_RULE: SSH to this firewall\" "
                        + "ridentifier 1700000103\nanchor \"tftp-proxy/*\" all\n"));
        Path serve2 = lab.dir.resolve("serve2.sh");
        Files.writeString(serve2, Files.readString(serve).replace("SNAP='" + snap + "'", "SNAP='" + snap2 + "'"));
        Files.setPosixFilePermissions(serve2, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder toml = new StringBuilder();
        String[][] views = {{"fw2", ""}, {"adminfw2", "198.51.100.20 50000 10.8.2.2 22"}, {"maskedadminfw2", "10.8.1.1 50000 10.8.1.2 22"}};
        for (String[] v : views) {
            SshLab.Sshd s = lab.start(v[0], "ForceCommand " + (v[1].isEmpty() ? "" : "env SSH_CONNECTION='" + v[1] + "' ") + serve2 + " FIREWALL");
            lab.alias(v[0], s);
            lab.trust(s, "ed25519");
            toml.append("\n[firewalls.").append(v[0]).append("]\nssh = \"").append(v[0]).append("\"\n\n[firewalls.").append(v[0]).append(".edges]\n");
            for (int n = 1; n <= 3; n++) toml.append("EDGE").append(n).append("_VPNV4 = \"edge").append(n).append("\"\n");
        }
        Files.writeString(inventory, toml, StandardOpenOption.APPEND);
    }

    @AfterAll
    static void down() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) cleanup.get(i).close();
        if (silent != null) silent.close();
        if (lab != null) lab.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfTheTableIsWhatTheToolSays() throws IOException {
        List<Row> rows = BadInputTable.read(Repo.path("docs/bad-input.md"));
        assertEquals(SCENARIOS.keySet().stream().sorted().toList(), rows.stream().map(Row::id).sorted().toList(),
                "docs/bad-input.md and this test name the same rows");
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.id(), () -> {
            ScriptProcess.Result o = SCENARIOS.get(row.id()).apply(row);
            List<String> lines = o.err().lines().filter(l -> !l.contains(": warning: ")).toList();
            assertEquals(1, lines.size(), "one error line:\n" + o.err());
            assertFalse(o.err().contains("\tat ") || o.err().contains("Exception in thread"), o.err());
            assertEquals(row.message(), neutral(lines.get(0)), "the message in docs/bad-input.md");
            assertEquals(row.exit(), o.exit(), "the exit code in docs/bad-input.md");
        }));
    }

    /** Replaces what differs between runs (folders, ports, user) with the table's placeholders. */
    static String neutral(String line) {
        String me = System.getProperty("user.name");
        return line.replace(TestUsers.PLAIN, "ops-sudo-test").replace(work.toString(), "‹dir›").replace(full == null ? "\0" : full.toString(), "‹full›")
                .replace(lab.dir.toString(), "‹lab›").replace(me + "@", "‹me›@").replace("user " + me + " ", "user ‹me› ").replace("-n " + me + " ", "-n ‹me› ")
                .replace("~" + me + "/", "~‹me›/").replaceAll("(127\\.0\\.0\\.1\\]?):\\d+", "$1:‹port›")
                .replaceAll("port \\d+", "port ‹port›").replaceAll("-\\d{8}-\\d{6}\\.json", "-‹time›.json")
                .replaceAll("SHA256:[A-Za-z0-9+/]+", "SHA256:‹fingerprint›").replaceAll("/tmp/ops-agent\\d+/(yes|no)\\.sock", "‹agent›");
    }

    static ScriptProcess.Result offline(Path snapshot) {
        return ScriptProcess.run(Map.of(), "route-audit", "--snapshot", snapshot.toString());
    }

    static ScriptProcess.Result live(Map<String, String> env, String script, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-F", lab.sshConfig.toString(), "--inventory", inventory.toString()));
        Map<String, String> withState = new LinkedHashMap<>(Map.of("OPS_STATE_DIR", lab.dir.resolve("state").toString()));
        withState.putAll(env);
        return ScriptProcess.run(withState, script, all.toArray(String[]::new));
    }

    /** A copy of the example named {@code name}, its config.xml edited, its routes.txt replaced when given. */
    static Path snapshot(String name, Function<String, String> config, String routes) {
        try {
            Path dir = work.resolve(name);
            try (Stream<Path> walk = Files.walk(EXAMPLE)) {
                for (Path p : walk.toList()) {
                    Path to = dir.resolve(EXAMPLE.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(to);
                    else Files.copy(p, to);
                }
            }
            Files.writeString(dir.resolve("config.xml"), config.apply(Files.readString(dir.resolve("config.xml"))));
            if (routes != null) Files.writeString(dir.resolve("routes.txt"), routes);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
