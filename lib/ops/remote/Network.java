package ops.remote;

import ops.snapshot.Snapshot;

/**
 * The firewall and its edges as a change script reaches them: one full read for the model,
 * and a {@link Remote} per host for the changes and their read-backs.
 */
public interface Network {
    /** The firewall's name for messages and change records ("fw1"). */
    String firewallName();

    /** Reads the firewall and every edge that has a host, as route-audit does. */
    Snapshot read();

    Remote firewall();

    /** The edge behind a gateway; a one-line {@link ops.cli.OpsException} when none is configured. */
    Remote edge(String gateway);
}
