package ops.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ops.live.Fleet;
import ops.live.LiveNetwork;
import ops.live.LiveRead;
import ops.live.LiveSnapshots;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * What a script works on, as every script names it: the FIREWALL, the edge behind each gateway
 * (--edge) and how to reach them (the inventory and the SSH options). The two shapes differ only
 * in how many firewalls the command line names: exactly one ({@link Firewall}), or any number,
 * none when route-audit reads a snapshot instead ({@link Firewalls}).
 */
public abstract class Target {
    private final Map<String, String> edges = new LinkedHashMap<>();

    // a setter, not a field: picocli gives the command and its action a map each, and both halves count
    @Option(names = "--edge", paramLabel = "GATEWAY=HOST", scope = ScopeType.INHERIT,
            description = "The edge host behind pfSense gateway GATEWAY (repeatable; wins over the inventory and over discovery from config.xml).")
    void edge(Map<String, String> more) {
        edges.putAll(more);
    }

    /** --edge as given: gateway name to edge host, in command-line order. */
    public Map<String, String> edges() {
        return Collections.unmodifiableMap(edges);
    }

    /** Whether this run reads hosts over SSH (decided once the command line is parsed: the warm-up hangs on it). */
    public abstract boolean live();

    /** The target a script's command mixes in, if it has one. */
    static Optional<Target> of(CommandSpec command) {
        return command.mixins().values().stream().map(CommandSpec::userObject)
                .filter(Target.class::isInstance).map(Target.class::cast).findFirst();
    }

    /** One firewall, named first on the command line: nat-toggle, default-route, source-ip-check. */
    public static class Firewall extends Target {
        @Parameters(index = "0", paramLabel = "FIREWALL",
                description = "The firewall, as route-audit names it (inventory name, ssh alias or [user@]host[:port]).")
        String name;

        @Mixin
        SshOptions ssh; // here, not in Target: picocli takes a class's fields before its methods, and --edge reads best first

        public String name() {
            return name;
        }

        @Override
        public boolean live() {
            return true;
        }

        /** The firewall and its edges over SSH, as the change scripts and source-ip-check use them. */
        public LiveNetwork network(Consumer<String> warn) {
            return new LiveNetwork(name, edges(), ssh.inventory(), ssh.discover(), ssh.settings(), warn);
        }
    }

    /** Any number of firewalls (several, or --all, audit a fleet), or none when the script reads a snapshot: route-audit. */
    public static class Firewalls extends Target {
        @Parameters(arity = "0..*", paramLabel = "FIREWALL",
                description = "The firewall(s) to read over SSH: inventory names, ssh_config aliases or [user@]host[:port]. Several (or --all) audit a fleet.")
        List<String> names = new ArrayList<>();

        @Option(names = "--all", description = "Audit every firewall of the inventory.")
        boolean all;

        @Mixin
        SshOptions ssh;

        public List<String> names() {
            return Collections.unmodifiableList(names);
        }

        public boolean all() {
            return all;
        }

        @Override
        public boolean live() {
            return all || !names.isEmpty();
        }

        /** Whether the run audits a fleet (each firewall as alone, one report) rather than one firewall. */
        public boolean isFleet() {
            return all || names.size() > 1;
        }

        /** The one firewall's live read (the run names exactly one). */
        public LiveRead read(Consumer<String> warn) {
            return LiveSnapshots.read(names.get(0), edges(), ssh.inventory(), ssh.discover(), ssh.settings(), warn);
        }

        /** The inventory's fleet, reached as these options say. */
        public Fleet fleet(Consumer<String> warn) {
            return new Fleet(ssh.inventory(), ssh.discover(), ssh.settings(), warn);
        }
    }
}
