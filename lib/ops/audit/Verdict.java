package ops.audit;

/** What happens to a connection on one published path. */
public enum Verdict {
    /** the server sees the client's address and replies return by the same gateway */
    PRESERVED,
    /** the connection works but the server sees the edge's address */
    MASQUERADED,
    /** the server sees the client's address but replies leave by another gateway: the connection dies */
    TRIANGULAR,
    /** the firewall drops it: no port forward or no pass rule */
    BLOCKED,
    /** the gateway (tunnel) is down */
    DOWN,
    /** not enough was read to tell */
    UNKNOWN
}
