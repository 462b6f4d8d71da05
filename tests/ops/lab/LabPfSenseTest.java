package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import ops.audit.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The lab firewall behaves like pfSense where the toolkit will lean on it: PHP changes through
 * pfSsh.php or php reach config.xml (with a backup and a revision) and the kernel (default
 * route, reply-to, outbound NAT), and real packets follow; its tunnels (net30, p2p, WireGuard)
 * look as on FreeBSD in ifconfig and netstat. A test that changes the lab has the next one get a
 * fresh lab.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabPfSenseTest {
    @BeforeEach
    void lab() {
        LabGroundTruthTest.assumeLab();
    }

    @Test
    void pfSshExecChangesTheDefaultRouteWithABackupAndARevision() {
        Lab.ensure("fixed");
        Lab.touched();
        int backups = backups();
        String out = Lab.ssh("fw", "/usr/local/sbin/pfSsh.php dummy", String.join("\n",
                "require_once('filter.inc');",
                "config_set_path('gateways/defaultgw4', 'EDGE2_VPNV4');",
                "write_config('test: default gw4 = EDGE2_VPNV4');",
                "system_routing_configure(); filter_configure(); setup_gateways_monitor(); clear_subsystem_dirty('staticroutes');",
                "exec", "exit", ""));
        assertTrue(out.startsWith("pfSense shell: "), out);
        assertTrue(Lab.ssh("fw", "netstat -rn").lines().anyMatch(l -> l.matches("default\\s+10\\.8\\.2\\.1\\s+UGS\\s+ovpnc2")));
        String config = Lab.ssh("fw", "cat /conf/config.xml");
        assertTrue(config.contains("<defaultgw4>EDGE2_VPNV4</defaultgw4>"), config);
        assertTrue(config.contains("<description><![CDATA[(system): test: default gw4 = EDGE2_VPNV4]]></description>"), config);
        assertEquals(backups + 1, backups());
        // and the packets agree: EDGE1 keeps client IPs, so its replies now leave by EDGE2
        assertEquals(Verdict.TRIANGULAR, LabGroundTruthTest.measured(http("edge1"), Lab.probe("edge1", "http")));
    }

    @Test
    void replyToIsListedAndInForceOnlyWhereFilterIncWouldEmitIt() {
        Lab.ensure("two-real-ip");
        List<String> replyTo = Lab.ssh("fw", "pfctl -sr").lines().filter(l -> l.contains("reply-to")).toList();
        // EDGE1's rules have "Disable reply-to"; EDGE2's and EDGE3's sit on their own tabs
        assertEquals(4, replyTo.size(), String.join("\n", replyTo));
        assertTrue(replyTo.stream().allMatch(l -> l.matches("pass in quick on (ovpnc2 reply-to \\(ovpnc2 10\\.8\\.2\\.1\\)"
                + "|ovpnc3 reply-to \\(ovpnc3 10\\.8\\.3\\.1\\)) inet proto tcp .* ridentifier \\d+")), String.join("\n", replyTo));
        Lab.touched();
        Lab.ssh("fw", "php -r 'require_once(\"filter.inc\"); config_set_path(\"system/disablereplyto\", \"\");"
                + " write_config(\"test: disable reply-to\"); filter_configure();'");
        assertFalse(Lab.ssh("fw", "pfctl -sr").contains("reply-to"));
        // without reply-to, EDGE2's client replies follow the default route (EDGE1)
        assertEquals(Verdict.TRIANGULAR, LabGroundTruthTest.measured(http("edge2"), Lab.probe("edge2", "http")));
        Lab.ssh("fw", "php -r 'require_once(\"filter.inc\"); config_del_path(\"system/disablereplyto\");"
                + " write_config(\"test: enable reply-to\"); filter_configure();'");
        assertEquals(Verdict.PRESERVED, LabGroundTruthTest.measured(http("edge2"), Lab.probe("edge2", "http")));
    }

    @Test
    void hybridOutboundNatOnAnOpenVpnInterfaceIsRealNat() {
        Lab.ensure("fixed");
        Lab.touched();
        // the server opens a connection to EDGE2's sshd through the tunnel: without NAT, EDGE2
        // answers 192.168.1.10 by its default route and the connection dies
        assertFalse(serverReachesEdge2Ssh());
        Lab.ssh("fw", "php -r 'require_once(\"filter.inc\"); config_set_path(\"nat/outbound/mode\", \"hybrid\");"
                + " config_set_path(\"nat/outbound/rule\", array(array(\"interface\" => \"opt2\", \"source\" => array(\"network\" => \"192.168.1.0/24\"),"
                + " \"destination\" => array(\"any\" => \"\"), \"target\" => \"\", \"descr\" => \"test: nat out opt2\")));"
                + " write_config(\"test: outbound NAT on opt2\"); filter_configure();'");
        assertTrue(Lab.ssh("fw", "pfctl -sn").contains(
                "nat on ovpnc2 inet from 192.168.1.0/24 to any -> (ovpnc2) port 1024:65535 round-robin"));
        assertTrue(serverReachesEdge2Ssh());
    }

    @Test
    void aFailoverGroupMovesTheDefaultRouteWhenItsTunnelDies() {
        Lab.ensure("failover-group");
        Lab.touched();
        assertTrue(defaultVia("10.8.1.1"));
        Lab.lab("tunnel", "edge1", "down");
        assertTrue(defaultVia("10.8.2.1"));
        assertTrue(Lab.ssh("fw", "pfSsh.php playback gatewaystatus").lines()
                .anyMatch(l -> l.startsWith("EDGE1_VPNV4") && l.matches(".*\\sdown\\s+highloss$")));
        Lab.lab("tunnel", "edge1", "up");
        assertTrue(defaultVia("10.8.1.1"));
        assertEquals(Verdict.PRESERVED, LabGroundTruthTest.measured(http("edge1"), Lab.probe("edge1", "http")));
    }

    @Test
    void theConfigCacheWinsOverAHandEditUntilItIsRemoved() {
        Lab.ensure("fixed");
        Lab.touched();
        String read = "php -r 'require_once(\"config.inc\"); echo config_get_path(\"gateways/defaultgw4\");'";
        Lab.ssh("fw", "sed -i 's|<defaultgw4>EDGE1_VPNV4</defaultgw4>|<defaultgw4>EDGE3_VPNV4</defaultgw4>|' /conf/config.xml");
        assertEquals("EDGE1_VPNV4", Lab.ssh("fw", read));
        Lab.ssh("fw", "rm /tmp/config.cache");
        assertEquals("EDGE3_VPNV4", Lab.ssh("fw", read));
    }

    @Test
    void net30AndP2pTunnelsLookAsOnFreeBsd() {
        Lab.ensure("net30-fixed");
        // ifconfig: the tun's own address and its peer, the gateway pfSense uses
        assertTrue(Lab.ssh("fw", "ifconfig ovpnc1").matches("ovpnc1: flags=1008051<UP,POINTOPOINT,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 1500\n"
                + "\tdescription: EDGE1\n\toptions=80000<LINKSTATE>\n\tinet 10\\.8\\.1\\.6 --> 10\\.8\\.1\\.5 netmask 0xffffffff\n"
                + "\tgroups: tun openvpn\n\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n\tOpened by PID \\d+\n"), Lab.ssh("fw", "ifconfig ovpnc1"));
        assertTrue(Lab.ssh("fw", "ifconfig -a").contains("\tinet 10.8.2.200 --> 10.8.2.100 netmask 0xffffffff\n"));
        assertEquals("10.8.1.5", Lab.ssh("fw", "cat /tmp/ovpnc1_router"));
        // netstat -rnW as FreeBSD 14: only the peer is a host route on the tunnel, the own address one on lo0 (lo0's link#)
        List<String> routes = Lab.ssh("fw", "netstat -rnW").lines().toList();
        assertEquals("Destination        Gateway            Flags   Nhop#    Mtu            Netif Expire", routes.get(3));
        String lo = Lab.ssh("fw", "netstat -rnW").lines().filter(l -> l.startsWith("127.0.0.1 ")).findFirst().orElseThrow().split("\\s+")[1];
        assertTrue(routes.stream().anyMatch(l -> l.matches("10\\.8\\.1\\.5\\s+link#\\d+\\s+UH\\s+\\d+\\s+1500\\s+ovpnc1")), String.join("\n", routes));
        assertTrue(routes.stream().anyMatch(l -> l.matches("10\\.8\\.1\\.6\\s+" + lo + "\\s+UHS\\s+\\d+\\s+16384\\s+lo0")), String.join("\n", routes));
        assertTrue(routes.stream().anyMatch(l -> l.matches("default\\s+10\\.8\\.1\\.5\\s+UGS\\s.*ovpnc1")), String.join("\n", routes));
        // nobody holds net30's gateway, so it answers no ping; the monitor IP (the edge's address) does, routed through it
        assertNotEquals(0, Lab.run(10, Lab.script().toString(), "ssh", "fw", "ping -c 1 -W 1 -I 10.8.1.6 10.8.1.5").code());
        assertTrue(routes.stream().anyMatch(l -> l.matches("10\\.8\\.1\\.1\\s+10\\.8\\.1\\.5\\s+UGHS\\s.*ovpnc1")), String.join("\n", routes));
        assertTrue(Lab.ssh("fw", "pfSsh.php playback gatewaystatus").lines()
                .anyMatch(l -> l.matches("EDGE1_VPNV4\\s+10\\.8\\.1\\.1\\s+10\\.8\\.1\\.6\\s.*online\\s+none")));
        String config = Lab.ssh("fw", "cat /conf/config.xml");
        assertTrue(config.contains("<topology>net30</topology>"), config);
        assertTrue(config.contains("<monitor>10.8.1.1</monitor>"), config);
    }

    @Test
    void aWireGuardTunnelIsInTheWireGuardGroupWhoseRulesHaveNoReplyTo() {
        Lab.ensure("wireguard");
        assertEquals("tun_wg0: flags=10080c1<UP,RUNNING,NOARP,MULTICAST,LOWER_UP> metric 0 mtu 1420\n\tdescription: EDGE3\n"
                + "\toptions=80000<LINKSTATE>\n\tinet 10.9.3.2 netmask 0xffffff00\n\tgroups: wg WireGuard\n"
                + "\tnd6 options=101<PERFORMNUD,NO_DAD>\n", Lab.ssh("fw", "ifconfig tun_wg0"));
        assertEquals("tun_wg0\n", Lab.ssh("fw", "ifconfig -g WireGuard"));
        List<String> wg = Lab.ssh("fw", "pfctl -sr").lines().filter(l -> l.contains(" on WireGuard ")).toList();
        assertEquals(2, wg.size(), Lab.ssh("fw", "pfctl -sr"));
        assertTrue(wg.stream().noneMatch(l -> l.contains("reply-to")), String.join("\n", wg));
        String config = Lab.ssh("fw", "cat /conf/config.xml");
        assertTrue(config.contains("<name>EDGE3_WG</name>") && config.contains("<gateway>10.9.3.1</gateway>"), config);
        assertTrue(config.contains("<ifname>WireGuard</ifname>") && config.contains("<if>tun_wg0</if>"), config);
        assertFalse(Lab.ssh("fw", "ls /tmp").contains("tun_wg0_router"), "WireGuard leaves no router file");
    }

    private static int backups() {
        return Integer.parseInt(Lab.ssh("fw", "ls /cf/conf/backup/ 2>/dev/null | grep -c '^config-' || true").strip());
    }

    private static boolean defaultVia(String gw) {
        return Lab.ssh("fw", "netstat -rn").lines().anyMatch(l -> l.startsWith("default") && l.contains(" " + gw + " "));
    }

    private static boolean serverReachesEdge2Ssh() {
        String php = "$c = @stream_socket_client('tcp://10.8.2.1:22', $n, $e, 2); if (!$c) exit(1);"
                + " stream_set_timeout($c, 2); exit(strpos((string)fgets($c), 'SSH-') === 0 ? 0 : 1);";
        return Lab.run(20, Lab.script().toString(), "ssh", "server", "php", "-r", php).code() == 0;
    }

    /** A path of the scenarios this class uses, all OpenVPN topology subnet. */
    private static Scenario.LabPath http(String edge) {
        return new Scenario.LabPath(edge, "http", 80, new Scenario.Tunnel(edge, "subnet", 0));
    }

    @AfterAll
    static void down() {
        Lab.down();
    }
}
