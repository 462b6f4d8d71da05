package ops.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.FleetOutcome;
import ops.base.OpsException;
import ops.inventory.Inventory;
import ops.model.TopologyBuilder;
import ops.snapshot.Snapshot;
import ops.snapshot.SnapshotDir;
import ops.ssh.SshConnector;
import ops.ssh.SshSettings;

/**
 * Audits many firewalls in one run, at most {@code parallel} at a time, each exactly as a
 * single live audit would (its own edges, one connection per host). One firewall that cannot
 * be read does not stop the others: it is a result of its own.
 */
public final class Fleet {
    private final SshConnector ssh;
    private final Optional<Inventory> inventory;
    private final Consumer<String> warn;
    private final boolean discover;

    public Fleet(Optional<Path> inventoryFile, SshSettings settings, Consumer<String> warn) {
        this(inventoryFile, true, settings, warn);
    }

    /** @param discover find each firewall's unnamed edges from its config.xml and ssh_config */
    public Fleet(Optional<Path> inventoryFile, boolean discover, SshSettings settings, Consumer<String> warn) {
        this.inventory = LiveTarget.inventory(inventoryFile, settings);
        this.ssh = new SshConnector(settings.withWarn(warn));
        this.warn = warn;
        this.discover = discover;
    }

    /** Every firewall the inventory names, in its order; an error when there is no inventory or it names none. */
    public List<String> allFirewalls() {
        Inventory inv = inventory.orElseThrow(() -> new OpsException(
                "--all needs an inventory: --inventory FILE, $OPS_INVENTORY, ./ops.toml or ~/.config/ops/ops.toml (see docs/inventory.md)"));
        if (inv.firewalls().isEmpty()) throw new OpsException(inv.source() + ": names no firewall; add [firewalls.NAME] tables");
        return List.copyOf(inv.firewalls().keySet());
    }

    /**
     * @param save      where to write each firewall's snapshot (DIR/NAME), if anywhere
     * @param progress  told "done/total name" after each firewall
     */
    public List<FleetOutcome> audit(List<String> firewalls, Map<String, String> cliEdges, int parallel, Optional<Path> save,
                               Consumer<String> progress) {
        return audit(firewalls, cliEdges, List.of(), parallel, save, progress);
    }

    /** @param ignore finding codes accepted on the command line, for every firewall (each adds its inventory entry's) */
    public List<FleetOutcome> audit(List<String> firewalls, Map<String, String> cliEdges, List<ops.audit.Code> ignore, int parallel,
                               Optional<Path> save, Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, firewalls.size())), r -> {
            Thread t = new Thread(r, "fleet");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        List<List<String>> hosts = new ArrayList<>();
        for (String fw : firewalls) {
            LiveTarget t = LiveTarget.of(fw, cliEdges, inventory, discover);
            List<String> specs = new ArrayList<>(List.of(t.ssh()));
            specs.addAll(t.edges().values());
            hosts.add(specs);
        }
        FleetPrefetch prefetch = new FleetPrefetch(ssh, hosts, parallel);
        try {
            Map<String, Future<FleetOutcome>> running = new LinkedHashMap<>();
            for (int i = 0; i < firewalls.size(); i++) {
                String fw = firewalls.get(i);
                int index = i;
                running.put(fw, pool.submit(() -> {
                    prefetch.before(index);
                    FleetOutcome o = one(fw, cliEdges, ignore, save);
                    progress.accept(done.incrementAndGet() + "/" + firewalls.size() + " " + fw);
                    return o;
                }));
            }
            List<FleetOutcome> out = new ArrayList<>();
            for (Map.Entry<String, Future<FleetOutcome>> e : running.entrySet()) {
                try {
                    out.add(e.getValue().get());
                } catch (java.util.concurrent.ExecutionException ex) {
                    out.add(new FleetOutcome(e.getKey(), Optional.empty(), Optional.of(String.valueOf(ex.getCause()))));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new OpsException("interrupted while auditing the fleet", ex);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            prefetch.close();
        }
    }

    private FleetOutcome one(String fw, Map<String, String> cliEdges, List<ops.audit.Code> ignore, Optional<Path> save) {
        try {
            LiveTarget target = LiveTarget.of(fw, cliEdges, inventory, discover);
            LiveRead live = new LiveReader(ssh, warn).read(target);
            Snapshot read = live.snapshot();
            save.ifPresent(dir -> SnapshotDir.write(dir.resolve(fw), read));
            List<ops.audit.Code> accepted = new ArrayList<>(ignore);
            accepted.addAll(target.ignore());
            return new FleetOutcome(fw, Optional.of(Analyzer.analyze(TopologyBuilder.build(read)).withEdges(live.edges()).ignoring(accepted)
                    .forFirewall(fw, cliEdges)),
                    Optional.empty());
        } catch (OpsException e) {
            return new FleetOutcome(fw, Optional.empty(), Optional.of(e.getMessage()));
        }
    }
}
