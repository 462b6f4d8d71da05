package ops.snapshot;

import java.util.Map;
import java.util.Optional;

/**
 * Everything one audit reads, verbatim, whatever the transport (a folder or SSH). Names
 * match the snapshot folder's files:
 * config.xml, routes.txt (netstat -rnW; older snapshots netstat -rn), ifconfig.txt (ifconfig -a),
 * gateway-status.txt (pfSsh.php playback gatewaystatus), pf-rules.txt (pfctl -sr),
 * routers.txt (grep -H . /tmp/*_router), and per gateway
 * edges/GATEWAY.iptables (iptables-save) or .nft.json (nft -j list ruleset), .addr.json (ip -j addr)
 * and .routes.json (ip -j route).
 *
 * @param name where it came from, for messages ("examples/double-nat", "fw1")
 */
public record Snapshot(String name, String configXml, String routes, Optional<String> ifconfig, Optional<String> gatewayStatus,
                       Optional<String> pfRules, Optional<String> routers, Map<String, Edge> edges) {

    /** A snapshot without ifconfig.txt (taken before the toolkit read it): addresses are inferred from routes. */
    public Snapshot(String name, String configXml, String routes, Optional<String> gatewayStatus,
                    Optional<String> pfRules, Optional<String> routers, Map<String, Edge> edges) {
        this(name, configXml, routes, Optional.empty(), gatewayStatus, pfRules, routers, edges);
    }

    /** What was read from the edge behind one pfSense gateway. */
    public record Edge(String gateway, Optional<String> iptables, Optional<String> nftJson,
                       Optional<String> addrJson, Optional<String> routesJson) {}

    public static final String CONFIG = "config.xml";
    public static final String ROUTES = "routes.txt";
    public static final String IFCONFIG = "ifconfig.txt";
    public static final String GATEWAY_STATUS = "gateway-status.txt";
    public static final String PF_RULES = "pf-rules.txt";
    public static final String ROUTERS = "routers.txt";
    public static final String EDGES = "edges";
    public static final String IPTABLES = ".iptables";
    public static final String NFT = ".nft.json";
    public static final String ADDR = ".addr.json";
    public static final String EDGE_ROUTES = ".routes.json";
}
