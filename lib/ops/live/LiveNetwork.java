package ops.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import ops.base.OpsException;
import ops.discovery.EdgeSource;
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
    private final Set<String> told = new java.util.HashSet<>();
    private Map<String, EdgeSource> sources; // from the latest read: where each gateway's edge is
    private SshRemote firewall;

    public LiveNetwork(String firewall, Map<String, String> cliEdges, Optional<Path> inventoryFile, SshSettings settings,
                       Consumer<String> warn) {
        this(firewall, cliEdges, inventoryFile, true, settings, warn);
    }

    /** @param discover find the edges no --edge or inventory entry names (from config.xml and ssh_config) */
    public LiveNetwork(String firewall, Map<String, String> cliEdges, Optional<Path> inventoryFile, boolean discover,
                       SshSettings settings, Consumer<String> warn) {
        this.target = LiveTarget.lookUp(firewall, cliEdges, inventoryFile, discover, settings);
        this.ssh = new SshConnector(settings.withWarn(warn));
        this.warn = warn;
    }

    @Override
    public String firewallName() { return target.name(); }

    /** Reads as route-audit does; each discovered edge that could not be reached is one warning line (once per run). */
    @Override
    public Snapshot read() {
        LiveRead r = new LiveReader(ssh, warn).read(target);
        Map<String, EdgeSource> by = new java.util.TreeMap<>();
        for (EdgeSource e : r.edges()) {
            by.put(e.gateway(), e);
            if (e.problem().isPresent() && told.add(e.gateway())) warn.accept("warning: " + e.problem().get());
        }
        synchronized (this) {
            sources = by;
        }
        return r.snapshot();
    }

    /**
     * The caller reports this gateway's edge itself (nat-toggle fails on it with {@link #whyNoEdge}),
     * so read() does not warn about it too: one line, not the same line twice.
     */
    public synchronized LiveNetwork reportsItself(String gateway) {
        told.add(gateway);
        return this;
    }

    /** Why no edge of this gateway was read (not found, or not reached), once a read has looked for it. */
    @Override
    public synchronized Optional<String> whyNoEdge(String gateway) {
        EdgeSource e = sources == null ? null : sources.get(gateway);
        if (e == null || e.read()) return Optional.empty();
        return Optional.of(e.problem().orElse(e.line()));
    }

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
        if (host == null && target.discover() && sources == null) {
            read(); // discovery needs the firewall's config.xml
        }
        if (host == null && sources != null && sources.containsKey(gateway) && sources.get(gateway).read()) {
            host = sources.get(gateway).host().get();
        }
        if (host == null) {
            throw new OpsException(whyNoEdge(gateway).orElse("no edge host for " + gateway + ": give --edge " + gateway
                    + "=HOST or name it in the inventory"));
        }
        String spec = host;
        return edges.computeIfAbsent(gateway, g -> open(spec, spec));
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
