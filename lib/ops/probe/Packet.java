package ops.probe;

import ops.net.IpAddress;

/**
 * One TCP segment as tcpdump printed it on one interface of the firewall.
 *
 * @param micros when it was seen: Unix time in microseconds with -tt, else microseconds since midnight
 * @param flags  tcpdump's flag letters: S SYN, F FIN, R RST, P PUSH, U URG, E ECE, W CWR, "." ACK
 */
public record Packet(String device, long micros, IpAddress source, int sourcePort, IpAddress destination,
                     int destinationPort, String flags) {

    public boolean syn() { return flags.indexOf('S') >= 0; }

    public boolean ack() { return flags.indexOf('.') >= 0; }

    public boolean reset() { return flags.indexOf('R') >= 0; }

    /** A connection's first packet: SYN without ACK. */
    public boolean opens() { return syn() && !ack() && !reset(); }

    /** The answer to a SYN: SYN-ACK (accepted) or RST (refused). */
    public boolean answers() { return (syn() && ack()) || reset(); }
}
