package ops.probe;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One probe in the firewall's capture: the SYN that arrived from the probe's source ports and
 * the first answer to it (SYN-ACK or RST) that left, on whichever interface. The source ports
 * are the probe's own, so other traffic, even to the same service, never counts.
 */
public record Observation(Optional<Packet> arrival, Optional<Packet> answer) {

    /** Microseconds from the SYN arriving to the answer leaving, when both were seen. */
    public Optional<Double> firewallMs() {
        return arrival.flatMap(a -> answer.map(r -> (r.micros() - a.micros()) / 1000.0));
    }

    public static Observation find(List<Packet> packets, ProbeTarget target, PortRange sourcePorts) {
        List<Packet> byTime = packets.stream().sorted(Comparator.comparingLong(Packet::micros)).toList();
        List<Packet> opening = byTime.stream().filter(p -> p.opens() && sourcePorts.contains(p.sourcePort())).toList();
        // the SYN towards the path's tunnel address, else the first one (another NAT may have rewritten it)
        Optional<Packet> arrival = opening.stream()
                .filter(p -> p.destination().equals(target.edgeSendsTo()) && p.destinationPort() == target.edgeSendsToPort())
                .findFirst().or(() -> opening.stream().findFirst());
        // the answer mirrors the arrival exactly: on the LAN the server's own SYN-ACK has another source
        Optional<Packet> answer = arrival.flatMap(a -> byTime.stream()
                .filter(p -> p.answers() && p.micros() >= a.micros()
                        && p.source().equals(a.destination()) && p.sourcePort() == a.destinationPort()
                        && p.destination().equals(a.source()) && p.destinationPort() == a.sourcePort())
                .findFirst());
        return new Observation(arrival, answer);
    }
}
