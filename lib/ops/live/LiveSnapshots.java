package ops.live;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ops.ssh.SshConnector;
import ops.ssh.SshSettings;

/** The live counterpart of SnapshotDir.read: firewall name + edges + SSH settings in, Snapshot (and where each edge came from) out. */
public final class LiveSnapshots {
    private LiveSnapshots() {}

    /**
     * Looks the firewall up in the inventory (if one is found), adds the command line's edges,
     * finds the other gateways' edges unless {@code discover} is off, and reads everything over SSH.
     */
    public static LiveRead read(String firewall, Map<String, String> cliEdges, Optional<Path> inventoryFile, boolean discover,
                                SshSettings settings, Consumer<String> warn) {
        LiveTarget target = LiveTarget.lookUp(firewall, cliEdges, inventoryFile, discover, settings);
        return new LiveReader(new SshConnector(settings.withWarn(warn)), warn).read(target);
    }
}
