package ops.probe;

import java.util.Optional;
import ops.net.IpAddress;

/**
 * What one probe saw from the vantage point, as curl reported it.
 *
 * @param exit         curl's exit status (0 ok, 7 could not connect, 28 timed out, 127 curl missing...)
 * @param localAddress the address the probe left from, when curl said
 * @param localPort    the source port it used, 0 when curl did not say (it does not after a failed connect)
 * @param connectMs    when the TCP handshake completed; empty when it never did
 * @param totalMs      the whole probe
 * @param httpStatus   the HTTP status of the answer, 0 for none (or not HTTP)
 * @param error        curl's message ("curl: (28) Failed to connect to ... Timeout was reached"), "" when none
 */
public record ProbeOutcome(int exit, Optional<IpAddress> localAddress, int localPort, Optional<Double> connectMs,
                           double totalMs, int httpStatus, String error) {

    public boolean handshake() { return connectMs.isPresent(); }
}
