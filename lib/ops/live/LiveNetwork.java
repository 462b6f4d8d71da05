package ops.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ops.base.OpsException;
import ops.inventory.Inventory;
import ops.remote.Network;
import ops.remote.Remote;
import ops.snapshot.Snapshot;
import ops.ssh.SshConnector;
import ops.ssh.SshSettings;

/** The firewall and its edges over SSH, for the change scripts: the same target rules as a live route-audit. */
public final class LiveNetwork implements Network, AutoCloseable {
    private final LiveTarget target;
    private final SshConnector ssh;
    private final Consumer<String> warn;
    private final List<SshRemote> opened = new ArrayList<>();
    private final Map<String, SshRemote> edges = new java.util.HashMap<>();
    private SshRemote firewall;

    public LiveNetwork(String firewall, Map<String, String> cliEdges, Optional<Path> inventoryFile, SshSettings settings,
                       Consumer<String> warn) {
        Optional<Inventory> inventory = Inventory.locate(inventoryFile, settings.env(), Path.of("").toAbsolutePath(), settings.home())
                .map(Inventory::read);
        this.target = LiveTarget.of(firewall, cliEdges, inventory);
        this.ssh = new SshConnector(settings.withWarn(warn));
        this.warn = warn;
    }

    @Override
    public String firewallName() { return target.name(); }

    @Override
    public Snapshot read() { return new LiveReader(ssh, warn).read(target); }

    @Override
    public synchronized Remote firewall() {
        if (firewall == null) firewall = open(target.ssh(), target.name());
        return firewall;
    }

    @Override
    public Remote newFirewallConnection() {
        return open(target.ssh(), target.name()).connected();
    }

    @Override
    public synchronized Remote edge(String gateway) {
        String host = target.edges().get(gateway);
        if (host == null) {
            throw new OpsException("no edge host for " + gateway + ": give --edge " + gateway + "=HOST or name it in the inventory");
        }
        return edges.computeIfAbsent(gateway, g -> open(host, host));
    }

    /** Any other host by its SSH target (a vantage point to probe from), with the same SSH settings. */
    public Remote host(String spec) {
        return open(spec, spec);
    }

    private synchronized SshRemote open(String spec, String name) {
        SshRemote r = new SshRemote(ssh, spec, name);
        opened.add(r);
        return r;
    }

    @Override
    public synchronized void close() {
        for (SshRemote r : opened) r.close();
    }
}
