package ops.probe;

import java.util.List;

/**
 * One interface of the firewall as the capture saw it.
 *
 * @param state   LISTENING (captured), DOWN (the interface is down or gone: nothing can pass it),
 *                FAILED (tcpdump could not capture there; {@code message} says why)
 * @param message tcpdump's or sudo's first error line, "" when listening
 * @param dropped packets the kernel dropped (tcpdump's own count), 0 when it said none
 */
public record CapturedDevice(String device, State state, String message, List<Packet> packets, long dropped) {
    public enum State { LISTENING, DOWN, FAILED }
}
