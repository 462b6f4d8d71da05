package ops.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.json.Json;
import ops.net.IpAddress;
import ops.net.Prefix;

/** Reads Linux {@code ip -j route} (and {@code ip -j -6 route}) into the same {@link Route}s netstat gives. */
public final class IpRouteJsonReader {
    private IpRouteJsonReader() {}

    public static RoutingTable read(String source, String json) {
        JsonNode root = Json.parse(source, json, "the output of `ip -j route`");
        if (!root.isArray()) {
            throw new OpsException(source + ": expected a JSON array from `ip -j route`, found " + root.getNodeType());
        }
        List<Route> routes = new ArrayList<>();
        int n = 0;
        for (JsonNode r : root) {
            n++;
            String dst = Json.text(r, "dst");
            String gw = Json.text(r, "gateway");
            String type = Json.text(r, "type");
            boolean v6 = dst.indexOf(':') >= 0 || gw.indexOf(':') >= 0;
            IpAddress.Family fam = v6 ? IpAddress.Family.INET6 : IpAddress.Family.INET;
            Optional<Prefix> prefix = dst.equals("default")
                    ? Optional.of(v6 ? Prefix.parse("::/0") : Prefix.ANY_V4)
                    : Prefix.tryParse(dst);
            if (prefix.isEmpty()) {
                throw new OpsException(source + ": route #" + n + " has dst '" + dst + "', not a prefix");
            }
            StringBuilder flags = new StringBuilder("U");
            if (!gw.isEmpty()) flags.append('G');
            if (prefix.get().isHost()) flags.append('H');
            if (type.equals("blackhole")) flags.append('B');
            if (type.equals("unreachable") || type.equals("prohibit")) flags.append('R');
            routes.add(new Route(fam, prefix, dst, gw, flags.toString(), Json.text(r, "dev")));
        }
        return new RoutingTable(routes);
    }
}
