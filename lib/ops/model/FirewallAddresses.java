package ops.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.net.IpAddress;
import ops.net.Prefix;

/**
 * The firewall's own IPv4 addresses, and which interface holds each: read from {@code ifconfig -a}
 * when the snapshot has it, else inferred from config.xml and the routing table (see
 * {@link AddressInference}). An interface whose own address could not be told keeps the reason,
 * so that a path depending on it is UNKNOWN rather than built on a guess.
 */
public final class FirewallAddresses {

    /**
     * One address on one interface.
     *
     * @param prefixLen the netmask's length (32 for a point-to-point tunnel's own address)
     * @param peer      the far end of a point-to-point tunnel, when known
     * @param source    how it was learnt ("ifconfig.txt", "config.xml", "routes: ...")
     */
    public record Owned(String device, IpAddress address, int prefixLen, Optional<IpAddress> peer, String source) {
        public Prefix prefix() { return new Prefix(address, prefixLen); }
    }

    private final Map<String, List<Owned>> byDevice = new LinkedHashMap<>();
    private final Map<IpAddress, String> owner = new LinkedHashMap<>();
    private final Set<IpAddress> all = new LinkedHashSet<>();
    private final Map<String, String> unknown = new LinkedHashMap<>();
    private final boolean read;

    FirewallAddresses(boolean read) {
        this.read = read;
    }

    /** An empty set of addresses: for hand-built topologies that need none. */
    public static FirewallAddresses none() {
        return new FirewallAddresses(false);
    }

    void add(Owned o) {
        if (owner.containsKey(o.address())) return; // first source wins: ifconfig or config, then the surest inference
        byDevice.computeIfAbsent(o.device(), k -> new ArrayList<>()).add(o);
        owner.put(o.address(), o.device());
        all.add(o.address());
        unknown.remove(o.device());
    }

    /** A local address (a lo0 host route) whose interface could not be told. */
    void addUnplaced(IpAddress a) {
        all.add(a);
    }

    void unknown(String device, String why) {
        if (!byDevice.containsKey(device)) unknown.putIfAbsent(device, why);
    }

    /** Whether ifconfig.txt was read (else everything here is config.xml and inference). */
    public boolean fromIfconfig() { return read; }

    /** Every local address, placed or not. */
    public Set<IpAddress> all() { return all; }

    public List<Owned> on(String device) { return byDevice.getOrDefault(device, List.of()); }

    public Optional<String> ownerOf(IpAddress a) { return Optional.ofNullable(owner.get(a)); }

    /** Why the interface's own address is not known, when it is not. */
    public Optional<String> unknownWhy(String device) {
        return on(device).isEmpty() ? Optional.ofNullable(unknown.get(device)) : Optional.empty();
    }

    /** The first IPv4 address the interface holds, not counting CARP or alias extras' order. */
    public Optional<IpAddress> firstOn(String device) {
        return on(device).stream().map(Owned::address).findFirst();
    }

    public Set<String> devices() { return byDevice.keySet(); }
}
