package ops.cli;

import java.util.Map;
import java.util.Optional;
import ops.audit.Analyzer;
import ops.base.Trace;
import ops.json.Json;
import ops.model.TopologyBuilder;
import ops.report.AuditReport;
import ops.report.TextRenderer;
import ops.snapshot.Snapshot;
import ops.ssh.SshConnector;

/**
 * A live run spends most of its wall time waiting: for `ssh -G`, the handshakes, the hosts'
 * commands. On a second core this thread meanwhile loads and runs, once, everything the run
 * needs afterwards (sshj's crypto setup, the TOML and JSON parsers, the readers, the analyzer,
 * the report), so that none of it is paid for on the critical path. It changes no state.
 * {@link Cli#run} starts it as soon as the command line is parsed, when the target is live and no
 * help was asked for.
 */
public final class Warmup {
    private Warmup() {}

    public static void start() {
        Thread t = new Thread(Warmup::run, "warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            SshConnector.prepare();
            Trace.mark("ssh ready");
            new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree("[firewalls.w]\nssh = \"w\"\n");
            Json.parse("warmup", "[{\"ifname\":\"lo\",\"addr_info\":[]}]", "json");
            TextRenderer.render(new AuditReport(Analyzer.analyze(TopologyBuilder.build(TINY))));
            Trace.mark("analysis ready");
        } catch (Exception | LinkageError e) {
            // a warm-up that fails costs nothing: the real run does the same work and reports properly
        }
    }

    private static final Snapshot TINY = new Snapshot("warmup",
            "<?xml version=\"1.0\"?><pfsense><version>23.3</version><interfaces><opt1><if>ovpnc1</if><descr>E</descr><enable/></opt1>"
                    + "</interfaces><nat><rule><interface>opt1</interface><protocol>tcp</protocol><destination><network>opt1ip</network>"
                    + "<port>80</port></destination><target>192.168.1.10</target><local-port>80</local-port></rule></nat><filter><rule>"
                    + "<type>pass</type><interface>opt1</interface><protocol>tcp</protocol><source><any/></source><destination><any/>"
                    + "</destination></rule></filter><revision><time>1</time></revision></pfsense>",
            "Routing tables\n\nInternet:\nDestination Gateway Flags Netif Expire\ndefault 10.8.1.1 UGS ovpnc1\n"
                    + "10.8.1.0/24 link#5 U ovpnc1\n10.8.1.2 link#3 UHS lo0\n",
            Optional.of("Name Monitor Source Delay StdDev Loss Status Substatus\nE_VPNV4 10.8.1.1 10.8.1.2 1ms 0ms 0.0% online none\n"),
            Optional.of("pass in quick on ovpnc1 reply-to (ovpnc1 10.8.1.1) inet proto tcp from any to any ridentifier 1\n"),
            Optional.of("/tmp/ovpnc1_router:10.8.1.1\n"),
            Map.of("E_VPNV4", new Snapshot.Edge("E_VPNV4",
                    Optional.of("*nat\n-A PREROUTING -i eth0 -p tcp --dport 80 -j DNAT --to-destination 10.8.1.2:80\n"
                            + "-A POSTROUTING -o tun0 -j MASQUERADE\nCOMMIT\n"),
                    Optional.empty(),
                    Optional.of("[{\"ifname\":\"tun0\",\"flags\":[\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.8.1.1\",\"prefixlen\":24}]}]"),
                    Optional.of("[{\"dst\":\"default\",\"gateway\":\"203.0.113.1\",\"dev\":\"eth0\"}]"))));
}
