package ops.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.snapshot.Snapshot;

/**
 * Hand-built small networks for analyzer tests: a pfSense with a LAN server 192.168.1.10 and
 * up to three OpenVPN edges (EDGEn_VPNV4, tunnel 10.8.n.0/24, edge 10.8.n.1, firewall 10.8.n.2,
 * public 203.0.113.1n) publishing tcp/443, written out in the real formats and read back
 * through the real readers.
 */
public final class SnapshotFixture {
    public enum Tab { INTERFACE, OPENVPN, OPENVPN_AND_INTERFACE, FLOATING_ANY, RDR_PASS, WITH_GATEWAY, NONE }

    private int edges = 3;
    private final boolean[] masquerade = {false, true, true, true};
    private final boolean[] nft = new boolean[4];
    private final boolean[] edgeRead = {false, true, true, true};
    private final boolean[] addrRead = {false, true, true, true};
    private final boolean[] down = new boolean[4];
    private final boolean[] tunnelRoute = {false, true, true, true};
    private final boolean[] portForward = {false, true, true, true};
    private String defaultGw4 = "EDGE1_VPNV4";
    private boolean defaultGwElement = true;
    private String legacyDefaultFlagOn = null;
    private String liveDefault = "1";
    private boolean splitDefault = false;
    private Tab tab = Tab.INTERFACE;
    private boolean replyToDisabledGlobally, replyToDisabledOnRule;
    private boolean withStatus = true, withRouters = true;
    private Optional<Boolean> liveReplyTo = Optional.empty(); // empty: pf-rules.txt absent
    private String group = null;
    private String outboundMode = "automatic";
    private String policyRouteGateway = null;
    private final Map<Integer, String> customIptables = new LinkedHashMap<>();

    public static SnapshotFixture threeEdges() { return new SnapshotFixture(); }

    public SnapshotFixture edges(int n) { edges = n; return this; }
    public SnapshotFixture masquerade(int edge, boolean on) { masquerade[edge] = on; return this; }
    public SnapshotFixture nft(int edge) { nft[edge] = true; return this; }
    public SnapshotFixture edgeNotRead(int edge) { edgeRead[edge] = false; return this; }
    public SnapshotFixture edgeAddressesNotRead(int edge) { addrRead[edge] = false; return this; }
    public SnapshotFixture down(int edge) { down[edge] = true; return this; }
    public SnapshotFixture tunnelRouteGone(int edge) { tunnelRoute[edge] = false; return this; }
    public SnapshotFixture noPortForward(int edge) { portForward[edge] = false; return this; }
    /** defaultgw4 as config.xml stores it: a gateway or group name, "" (automatic) or "-" (none). */
    public SnapshotFixture defaultGateway(String value) { defaultGw4 = value; return this; }
    public SnapshotFixture legacyDefaultFlag(String gatewayName) { defaultGwElement = false; legacyDefaultFlagOn = gatewayName; return this; }
    /** The live default route: "1".."3" for an edge, "wan", or "none". */
    public SnapshotFixture liveDefaultVia(String via) { liveDefault = via; return this; }
    public SnapshotFixture splitDefaultVia(String via) { splitDefault = true; liveDefault = via; return this; }
    public SnapshotFixture passRulesOn(Tab t) { tab = t; return this; }
    public SnapshotFixture replyToDisabledGlobally() { replyToDisabledGlobally = true; return this; }
    public SnapshotFixture replyToDisabledOnRule() { replyToDisabledOnRule = true; return this; }
    public SnapshotFixture withoutGatewayStatus() { withStatus = false; return this; }
    public SnapshotFixture withoutRouters() { withRouters = false; return this; }
    /** Adds pf-rules.txt; {@code replyTo} says whether the loaded interface rules carry reply-to. */
    public SnapshotFixture loadedRules(boolean replyTo) { liveReplyTo = Optional.of(replyTo); return this; }
    /** A failover group "FAILOVER": members as "EDGE2_VPNV4|1", "EDGE1_VPNV4|2". */
    public SnapshotFixture group(String... members) { group = String.join(",", members); return this; }
    public SnapshotFixture outboundNat(String mode) { outboundMode = mode; return this; }
    public SnapshotFixture policyRouteLanVia(String gateway) { policyRouteGateway = gateway; return this; }
    public SnapshotFixture iptables(int edge, String text) { customIptables.put(edge, text); return this; }

    public AuditResult audit() { return Analyzer.analyze(topology()); }

    public Topology topology() { return TopologyBuilder.build(snapshot()); }

    public Snapshot snapshot() {
        Map<String, Snapshot.Edge> edgeMap = new LinkedHashMap<>();
        for (int n = 1; n <= edges; n++) {
            if (!edgeRead[n]) continue;
            String gw = "EDGE" + n + "_VPNV4";
            Optional<String> ipt = nft[n] ? Optional.empty() : Optional.of(customIptables.getOrDefault(n, iptables(n)));
            Optional<String> nftJson = nft[n] ? Optional.of(nftJson(n)) : Optional.empty();
            edgeMap.put(gw, new Snapshot.Edge(gw, ipt, nftJson, addrRead[n] ? Optional.of(addr(n)) : Optional.empty(), Optional.empty()));
        }
        return new Snapshot("fixture", config(), routes(), withStatus ? Optional.of(status()) : Optional.empty(),
                liveReplyTo.map(this::pfRules), withRouters ? Optional.of(routers()) : Optional.empty(), edgeMap);
    }

    // --- config.xml

    String config() {
        StringBuilder ifs = new StringBuilder(), ovpn = new StringBuilder(), nat = new StringBuilder(), rules = new StringBuilder();
        for (int n = 1; n <= edges; n++) {
            ifs.append("<opt").append(n).append("><if>ovpnc").append(n).append("</if><descr><![CDATA[EDGE").append(n)
                    .append("]]></descr><enable></enable></opt").append(n).append(">\n");
            ovpn.append("<openvpn-client><vpnid>").append(n).append("</vpnid><dev_mode>tun</dev_mode><create_gw>v4only</create_gw>"
                    + "<description>edge").append(n).append("</description></openvpn-client>\n");
            if (portForward[n]) {
                nat.append("<rule><source><any></any></source><destination><network>opt").append(n).append("ip</network><port>443</port></destination>")
                        .append("<ipprotocol>inet</ipprotocol><protocol>tcp</protocol><target>192.168.1.10</target><local-port>443</local-port>")
                        .append("<interface>opt").append(n).append("</interface><descr>https via edge").append(n).append("</descr>")
                        .append("<associated-rule-id>").append(tab == Tab.RDR_PASS ? "pass" : "").append("</associated-rule-id></rule>\n");
            }
            if (tab == Tab.INTERFACE || tab == Tab.WITH_GATEWAY || tab == Tab.OPENVPN_AND_INTERFACE) rules.append(passRule("opt" + n, tracker(n), tab == Tab.WITH_GATEWAY ? "EDGE" + n + "_VPNV4" : ""));
        }
        if (tab == Tab.OPENVPN || tab == Tab.OPENVPN_AND_INTERFACE) rules.append(passRule("openvpn", tracker(0), ""));
        if (tab == Tab.FLOATING_ANY) {
            rules.append("<rule><tracker>").append(tracker(0)).append("</tracker><type>pass</type><interface>opt1,opt2,opt3</interface>"
                    + "<floating>yes</floating><direction>any</direction><quick>yes</quick><ipprotocol>inet</ipprotocol><protocol>tcp</protocol>"
                    + "<source><any></any></source><destination><address>192.168.1.10</address><port>443</port></destination>"
                    + "<descr>floating https</descr></rule>\n");
        }
        rules.append("<rule><type>pass</type><ipprotocol>inet</ipprotocol><descr>Default allow LAN to any rule</descr><interface>lan</interface>")
                .append(policyRouteGateway == null ? "" : "<gateway>" + policyRouteGateway + "</gateway>")
                .append("<tracker>0100000101</tracker><source><network>lan</network></source><destination><any></any></destination></rule>\n");
        StringBuilder gateways = new StringBuilder();
        if (legacyDefaultFlagOn != null) {
            int n = Integer.parseInt(legacyDefaultFlagOn.replaceAll("\\D", ""));
            gateways.append("<gateway_item><interface>opt").append(n).append("</interface><gateway>dynamic</gateway><name>")
                    .append(legacyDefaultFlagOn).append("</name><ipprotocol>inet</ipprotocol><defaultgw></defaultgw></gateway_item>\n");
        }
        if (defaultGwElement) gateways.append("<defaultgw4>").append(defaultGw4).append("</defaultgw4>\n");
        if (group != null) {
            gateways.append("<gateway_group><name>FAILOVER</name>");
            for (String m : group.split(",")) gateways.append("<item>").append(m).append("|address</item>");
            gateways.append("<trigger>down</trigger><descr>failover</descr></gateway_group>\n");
        }
        return """
                <?xml version="1.0"?>
                <pfsense>
                <version>23.3</version>
                <system><hostname>fw1</hostname>%s</system>
                <interfaces>
                <wan><enable></enable><if>vtnet0</if><descr>WAN</descr><ipaddr>dhcp</ipaddr></wan>
                <lan><enable></enable><if>vtnet1</if><descr>LAN</descr><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                %s</interfaces>
                <openvpn>%s</openvpn>
                <gateways>%s</gateways>
                <nat><outbound><mode>%s</mode></outbound>
                %s</nat>
                <filter>
                %s</filter>
                </pfsense>
                """.formatted(replyToDisabledGlobally ? "<disablereplyto>yes</disablereplyto>" : "", ifs, ovpn, gateways,
                outboundMode, nat, rules);
    }

    private String passRule(String iface, String tracker, String gateway) {
        return "<rule><tracker>" + tracker + "</tracker><type>pass</type><interface>" + iface + "</interface><ipprotocol>inet</ipprotocol>"
                + "<protocol>tcp</protocol><source><any></any></source><destination><address>192.168.1.10</address><port>443</port></destination>"
                + (gateway.isEmpty() ? "" : "<gateway>" + gateway + "</gateway>")
                + (replyToDisabledOnRule ? "<disablereplyto>yes</disablereplyto>" : "")
                + "<descr>https on " + iface + "</descr></rule>\n";
    }

    private static String tracker(int n) { return "17000001" + String.format("%02d", n); }

    // --- live state

    String routes() {
        List<String> lines = new ArrayList<>();
        String defaultLine = switch (liveDefault) {
            case "none" -> null;
            case "wan" -> row(splitDefault ? null : "default", "192.168.178.1", "UGS", "vtnet0");
            default -> row(splitDefault ? null : "default", "10.8." + liveDefault + ".1", "UGS", "ovpnc" + liveDefault);
        };
        if (splitDefault) {
            String gw = liveDefault.equals("wan") ? "192.168.178.1" : "10.8." + liveDefault + ".1";
            String dev = liveDefault.equals("wan") ? "vtnet0" : "ovpnc" + liveDefault;
            lines.add(row("default", "192.168.178.1", "UGS", "vtnet0"));
            lines.add(row("0.0.0.0/1", gw, "UGS", dev));
            lines.add(row("128.0.0.0/1", gw, "UGS", dev));
        } else if (defaultLine != null) {
            lines.add(defaultLine);
        }
        for (int n = 1; n <= edges; n++) {
            if (tunnelRoute[n]) lines.add(row("10.8." + n + ".0/24", "link#" + (4 + n), "U", "ovpnc" + n));
            lines.add(row("10.8." + n + ".2", "link#3", "UHS", "lo0"));
        }
        lines.add(row("127.0.0.1", "link#3", "UH", "lo0"));
        lines.add(row("192.168.1.0/24", "link#2", "U", "vtnet1"));
        lines.add(row("192.168.1.1", "link#3", "UHS", "lo0"));
        lines.add(row("192.168.178.0/24", "link#1", "U", "vtnet0"));
        lines.add(row("192.168.178.20", "link#3", "UHS", "lo0"));
        return "Routing tables\n\nInternet:\nDestination        Gateway            Flags     Netif Expire\n" + String.join("", lines);
    }

    private static String row(String dst, String gw, String flags, String netif) {
        return String.format("%-18s %-18s %-8s %7s%n", dst, gw, flags, netif);
    }

    String status() {
        StringBuilder sb = new StringBuilder("Name         Monitor   Source       Delay  StdDev  Loss  Status  Substatus\n");
        for (int n = 1; n <= edges; n++) {
            sb.append(String.format("EDGE%d_VPNV4  10.8.%d.1  10.8.%d.2  %s  %s  %s  %s  %s%n", n, n, n,
                    down[n] ? "0.0ms" : "12.5ms", down[n] ? "0.0ms" : "1.1ms", down[n] ? "100.0%" : "0.0%",
                    down[n] ? "down" : "online", down[n] ? "down" : "none"));
        }
        return sb.toString();
    }

    String routers() {
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= edges; n++) sb.append("/tmp/ovpnc").append(n).append("_router:10.8.").append(n).append(".1\n");
        return sb.toString();
    }

    String pfRules(boolean replyTo) {
        StringBuilder sb = new StringBuilder("block drop in log inet all label \"Default deny rule IPv4\" ridentifier 1000000103\n");
        for (int n = 1; n <= edges; n++) {
            if (tab != Tab.INTERFACE) break;
            sb.append("pass in quick on ovpnc").append(n).append(replyTo ? " reply-to (ovpnc" + n + " 10.8." + n + ".1)" : "")
                    .append(" inet proto tcp from any to 192.168.1.10 port = https flags S/SA keep state label \"USER_RULE: https on opt")
                    .append(n).append("\" ridentifier ").append(Long.parseLong(tracker(n))).append('\n');
        }
        if (tab == Tab.OPENVPN) {
            sb.append("pass in quick on openvpn inet proto tcp from any to 192.168.1.10 port = https flags S/SA keep state ridentifier ")
                    .append(Long.parseLong(tracker(0))).append('\n');
        }
        return sb.toString();
    }

    // --- edges

    String iptables(int n) {
        return "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                + "-A PREROUTING -d 203.0.113.1" + n + "/32 -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8." + n + ".2:443\n"
                + (masquerade[n] ? "-A POSTROUTING -o tun0 -j MASQUERADE\n" : "")
                + "-A POSTROUTING -s 10.8." + n + ".0/24 -o eth0 -j MASQUERADE\nCOMMIT\n";
    }

    String nftJson(int n) {
        String masq = masquerade[n]
                ? ",{\"rule\":{\"family\":\"ip\",\"table\":\"nat\",\"chain\":\"postrouting\",\"handle\":5,\"expr\":[{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"oifname\"}},\"right\":\"tun0\"}},{\"masquerade\":null}]}}"
                : "";
        return "{\"nftables\":[{\"metainfo\":{\"json_schema_version\":1}},{\"table\":{\"family\":\"ip\",\"name\":\"nat\",\"handle\":1}},"
                + "{\"chain\":{\"family\":\"ip\",\"table\":\"nat\",\"name\":\"prerouting\",\"handle\":1,\"type\":\"nat\",\"hook\":\"prerouting\",\"prio\":-100,\"policy\":\"accept\"}},"
                + "{\"chain\":{\"family\":\"ip\",\"table\":\"nat\",\"name\":\"postrouting\",\"handle\":2,\"type\":\"nat\",\"hook\":\"postrouting\",\"prio\":100,\"policy\":\"accept\"}},"
                + "{\"rule\":{\"family\":\"ip\",\"table\":\"nat\",\"chain\":\"prerouting\",\"handle\":4,\"expr\":[{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"iifname\"}},\"right\":\"eth0\"}},"
                + "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":443}},{\"dnat\":{\"addr\":\"10.8." + n + ".2\",\"port\":443}}]}}"
                + masq + "]}";
    }

    String addr(int n) {
        return "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8}]},"
                + "{\"ifindex\":2,\"ifname\":\"eth0\",\"flags\":[\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"203.0.113.1" + n + "\",\"prefixlen\":24}]},"
                + "{\"ifindex\":3,\"ifname\":\"tun0\",\"flags\":[\"POINTOPOINT\",\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.8." + n + ".1\",\"prefixlen\":24}]}]";
    }
}
