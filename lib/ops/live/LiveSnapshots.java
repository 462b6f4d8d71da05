package ops.live;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ops.inventory.Inventory;
import ops.snapshot.Snapshot;
import ops.ssh.SshConnector;
import ops.ssh.SshSettings;

/** The live counterpart of SnapshotDir.read: firewall name + edges + SSH settings in, Snapshot out. */
public final class LiveSnapshots {
    private LiveSnapshots() {}

    /**
     * Looks the firewall up in the inventory (if one is found), adds the command line's edges,
     * and reads everything over SSH.
     */
    public static Snapshot read(String firewall, Map<String, String> cliEdges, Optional<Path> inventoryFile,
                                SshSettings settings, Consumer<String> warn) {
        Optional<Inventory> inventory = Inventory.locate(inventoryFile, settings.env(), Path.of("").toAbsolutePath(), settings.home())
                .map(Inventory::read);
        LiveTarget target = LiveTarget.of(firewall, cliEdges, inventory);
        return new LiveReader(new SshConnector(settings.withWarn(warn)), warn).read(target);
    }
}
