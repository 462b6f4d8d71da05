package ops.probe;

import java.util.Map;
import java.util.Optional;
import ops.net.IpAddress;

/**
 * Turns what was seen for one path into a {@link MeasuredVerdict} with a one-line note. Pure: the
 * probe's outcome at the vantage, the packets on the firewall and the expected client address in,
 * a verdict out; no I/O.
 */
public final class Judge {
    private Judge() {}

    public record Judgement(MeasuredVerdict verdict, String note) {}

    /** curl's "could not connect": an active refusal (RST) or an unreachable (ICMP), not a timeout. */
    private static final int CURL_COULD_NOT_CONNECT = 7;
    /** curl's "operation timed out": nothing answered in time. */
    private static final int CURL_TIMED_OUT = 28;

    /**
     * @param devices  every captured interface by name
     * @param expected the client address the server should see
     * @param vantage  where the probe ran from, for notes ("admin", "this machine")
     */
    public static Judgement decide(ProbeTarget t, ProbeOutcome probe, Observation seen, Map<String, CapturedDevice> devices,
                                   IpAddress expected, String vantage) {
        String curl = probe.error().isEmpty() ? "curl exit " + probe.exit() : probe.error();
        if (seen.arrival().isEmpty()) return nothingArrived(t, probe, devices, vantage, curl);

        Packet a = seen.arrival().get();
        String from = a.source() + " arrived on " + a.device();
        Optional<Packet> answer = seen.answer();
        if (answer.isEmpty()) {
            if (probe.handshake()) {
                return unknown(from + " and the connection worked, but no answer was seen leaving: it left by an interface "
                        + "that was not captured");
            }
            Optional<CapturedDevice> failed = devices.values().stream().filter(d -> d.state() == CapturedDevice.State.FAILED).findFirst();
            if (failed.isPresent()) {
                return unknown(from + "; no answer was seen, but " + failed.get().device() + " could not be captured ("
                        + failed.get().message() + ")");
            }
            return new Judgement(MeasuredVerdict.NO_REPLY, from + "; no answer left the firewall: it blocks the path, or the "
                    + "server does not answer (" + curl + ")");
        }
        Packet r = answer.get();
        String after = String.format(" %.1f ms later", seen.firewallMs().orElse(0.0));
        if (r.reset()) {
            return unknown("refused: " + from + " and a reset left by " + r.device() + after + ": nothing listens on "
                    + "the server's port (or the firewall refuses it)");
        }
        boolean same = r.device().equals(a.device());
        if (!same) {
            if (probe.handshake()) {
                return unknown(from + " and its SYN-ACK left by " + r.device() + after + ", yet the connection worked");
            }
            return new Judgement(MeasuredVerdict.TRIANGULAR, from + ", but its SYN-ACK left by " + r.device() + after
                    + ": the connection failed (" + curl + ")");
        }
        if (!probe.handshake()) {
            return unknown(from + " and its SYN-ACK left by " + r.device() + after + ", but never reached " + vantage
                    + " (" + curl + "): the edge or the way back loses it");
        }
        String works = "; SYN-ACK left by " + r.device() + after + "; connected in " + String.format("%.1f ms", probe.connectMs().get())
                + (probe.httpStatus() > 0 ? ", HTTP " + probe.httpStatus() : "");
        if (a.source().equals(expected)) return new Judgement(MeasuredVerdict.PRESERVED, "the client address " + from + works);
        if (t.edgeAddresses().contains(a.source())) {
            return new Judgement(MeasuredVerdict.MASQUERADED, "the edge's address " + from + works);
        }
        return unknown(from + works + ", but it is neither the expected client address " + expected + " nor the edge's; "
                + "if " + vantage + " is behind NAT, give --expect-ip or an --echo-url");
    }

    private static Judgement nothingArrived(ProbeTarget t, ProbeOutcome probe, Map<String, CapturedDevice> devices,
                                            String vantage, String curl) {
        CapturedDevice own = devices.get(t.device());
        if (own != null && own.state() == CapturedDevice.State.DOWN) {
            return new Judgement(MeasuredVerdict.NOT_REACHED, "nothing arrived: " + t.device() + " is down (" + own.message() + ")");
        }
        if (own == null || own.state() == CapturedDevice.State.FAILED) {
            return unknown("could not capture on " + t.device() + (own == null ? "" : " (" + own.message() + ")"));
        }
        if (probe.handshake()) {
            return unknown("the connection worked, but no SYN from its source ports reached the firewall: something before "
                    + "it answered, or a NAT on the way changed the source port");
        }
        if (probe.exit() == CURL_COULD_NOT_CONNECT) {
            return unknown(t.endpoint() + " refused the connection or cannot be reached from " + vantage + " (" + curl
                    + "), and nothing arrived at the firewall: the edge publishes nothing on that port, or it or the way to it is down");
        }
        if (probe.exit() != CURL_TIMED_OUT) {
            return unknown("the probe did not run on " + vantage + " (" + curl + ")");
        }
        return new Judgement(MeasuredVerdict.NOT_REACHED, "nothing arrived on " + t.device() + " (" + curl + ")");
    }

    private static Judgement unknown(String note) {
        return new Judgement(MeasuredVerdict.UNKNOWN, note);
    }
}
