package ops.edge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.json.Json;
import ops.net.IpAddress;

/** Reads {@code ip -j addr} into {@link EdgeInterface}s. */
public final class IpAddrJsonReader {
    private IpAddrJsonReader() {}

    public static List<EdgeInterface> read(String source, String json) {
        JsonNode root = Json.parse(source, json, "the output of `ip -j addr`");
        if (!root.isArray()) {
            throw new OpsException(source + ": expected a JSON array from `ip -j addr`, found " + root.getNodeType());
        }
        List<EdgeInterface> out = new ArrayList<>();
        for (JsonNode i : root) {
            String name = Json.text(i, "ifname");
            if (name.isEmpty()) {
                throw new OpsException(source + ": an interface without \"ifname\"; expected the output of `ip -j addr`");
            }
            boolean up = false;
            for (JsonNode flag : i.path("flags")) up |= flag.asText().equals("UP");
            List<EdgeInterface.Address> addrs = new ArrayList<>();
            for (JsonNode a : i.path("addr_info")) {
                Optional<IpAddress> local = IpAddress.tryParse(Json.text(a, "local"));
                if (local.isEmpty()) continue; // e.g. an addr_info entry with only lifetimes
                Optional<IpAddress> peer = IpAddress.tryParse(Json.text(a, "address")).filter(p -> !p.equals(local.get()));
                addrs.add(new EdgeInterface.Address(local.get(), a.path("prefixlen").asInt(local.get().family().bits), peer));
            }
            out.add(new EdgeInterface(name, up, List.copyOf(addrs)));
        }
        return out;
    }
}
