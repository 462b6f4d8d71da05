package ops.live;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ops.base.OpsException;
import ops.inventory.Inventory;

/**
 * What one live audit reads: the firewall's SSH target and the edge host behind each pfSense
 * gateway, from the inventory entry of that name with the command line's `--edge GW=HOST`
 * added on top (the command line wins per gateway).
 *
 * @param name the firewall's name as the user gave it (used in messages and the report)
 */
public record LiveTarget(String name, String ssh, Map<String, String> edges) {

    public static LiveTarget of(String firewall, Map<String, String> cliEdges, Optional<Inventory> inventory) {
        Optional<Inventory.Firewall> entry = inventory.flatMap(i -> i.firewall(firewall));
        Map<String, String> edges = new TreeMap<>(entry.map(Inventory.Firewall::edges).orElse(Map.of()));
        cliEdges.forEach((gw, host) -> {
            if (gw.isBlank() || host == null || host.isBlank()) {
                throw new OpsException("--edge " + gw + "=" + host + ": write --edge GATEWAY=HOST, e.g. --edge EDGE1_VPNV4=edge1");
            }
            edges.put(gw.trim(), host.trim());
        });
        return new LiveTarget(firewall, entry.map(Inventory.Firewall::ssh).orElse(firewall), Map.copyOf(edges));
    }
}
