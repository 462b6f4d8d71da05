package ops.nat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import ops.change.ChangeRecord;

/**
 * A nat-toggle change as recorded for undo: written before anything changes, then the rules
 * before and after, and how to put each side back, as each step is done.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class NatRecord extends ChangeRecord {
    public String gateway;
    public String edge;
    /** "on" or "off". */
    public String action;
    /** "iptables" or "nftables". */
    public String tool;
    public String tunnel;
    /** {@link EdgeSide#fingerprint} of the rules before and after the change. */
    public String edgeBefore;
    public String edgeAfter;
    /** The edit that puts the edge back. */
    public EdgeChange edgeUndo;
    /** How the rules were persisted, "" when they were not. */
    public String persisted;
    public FirewallUndo firewallUndo;
    public String configRevisionAfter;

    /** The outbound NAT edit that puts pfSense back, as {@link ops.pfsense.OutboundNatEdit#specJson()}. */
    public record FirewallUndo(String spec) {}
}
