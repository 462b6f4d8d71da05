package ops.live;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ops.base.OpsException;
import ops.discovery.EdgeSource;
import ops.inventory.Inventory;
import ops.ssh.SshSettings;

/**
 * What one live audit reads: the firewall's SSH target and the edge host behind each pfSense
 * gateway, from the inventory entry of that name with the command line's `--edge GW=HOST`
 * added on top (the command line wins per gateway). The edges of the other VPN gateways are
 * discovered from the firewall's config.xml unless {@code discover} is off.
 *
 * @param name  the firewall's name as the user gave it (used in messages and the report)
 * @param named where each of {@code edges} came from ("--edge", "inventory FILE")
 * @param ignore the finding codes the inventory accepts for this firewall
 */
public record LiveTarget(String name, String ssh, Map<String, String> edges, Map<String, EdgeSource> named, boolean discover,
                         java.util.List<ops.audit.Code> ignore) {

    /** Edges given by hand, nothing discovered (tests and benches). */
    public LiveTarget(String name, String ssh, Map<String, String> edges) {
        this(name, ssh, edges, sources(edges, EdgeSource.Origin.COMMAND_LINE, "--edge"), false, java.util.List.of());
    }

    /**
     * The firewall's target as the inventory (if one is found, see {@link #inventory}) and the
     * command line give it; {@code discover} finds the other gateways' edges.
     */
    public static LiveTarget lookUp(String firewall, Map<String, String> cliEdges, Optional<Path> inventoryFile, boolean discover,
                                    SshSettings settings) {
        return of(firewall, cliEdges, inventory(inventoryFile, settings), discover);
    }

    /** The inventory a run uses: --inventory FILE, else $OPS_INVENTORY, ./ops.toml or ~/.config/ops/ops.toml; none is fine. */
    public static Optional<Inventory> inventory(Optional<Path> file, SshSettings settings) {
        return Inventory.locate(file, settings.env(), Path.of("").toAbsolutePath(), settings.home()).map(Inventory::read);
    }

    public static LiveTarget of(String firewall, Map<String, String> cliEdges, Optional<Inventory> inventory) {
        return of(firewall, cliEdges, inventory, true);
    }

    /** @param discover find the edges no --edge or inventory entry names (off: they stay unread, RA112) */
    public static LiveTarget of(String firewall, Map<String, String> cliEdges, Optional<Inventory> inventory, boolean discover) {
        Optional<Inventory.Firewall> entry = inventory.flatMap(i -> i.firewall(firewall));
        Map<String, String> edges = new TreeMap<>(entry.map(Inventory.Firewall::edges).orElse(Map.of()));
        Map<String, EdgeSource> named = new TreeMap<>(sources(edges, EdgeSource.Origin.INVENTORY,
                "inventory " + inventory.map(i -> i.source().toString()).orElse("")));
        cliEdges.forEach((gw, host) -> {
            if (gw.isBlank() || host == null || host.isBlank()) {
                throw new OpsException("--edge " + gw + "=" + host + ": write --edge GATEWAY=HOST, e.g. --edge EDGE1_VPNV4=edge1");
            }
            edges.put(gw.trim(), host.trim());
            named.put(gw.trim(), EdgeSource.named(gw.trim(), host.trim(), EdgeSource.Origin.COMMAND_LINE, "--edge"));
        });
        return new LiveTarget(firewall, entry.map(Inventory.Firewall::ssh).orElse(firewall), Map.copyOf(edges), Map.copyOf(named), discover,
                entry.map(Inventory.Firewall::ignore).orElse(java.util.List.of()));
    }

    private static Map<String, EdgeSource> sources(Map<String, String> edges, EdgeSource.Origin origin, String why) {
        Map<String, EdgeSource> out = new TreeMap<>();
        edges.forEach((gw, host) -> out.put(gw, EdgeSource.named(gw, host, origin, why)));
        return out;
    }
}
