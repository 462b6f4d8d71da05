package ops.session;

import java.util.Optional;
import ops.base.OpsException;
import ops.net.IpAddress;
import ops.text.Lines;

/**
 * Reads sshd's {@code SSH_CONNECTION} as {@code printenv SSH_CONNECTION} prints it:
 * "PEER PEERPORT LOCAL LOCALPORT". Empty when unset (printenv prints nothing); anything else
 * that is not four such fields is a one-line {@link OpsException}. An IPv4-mapped IPv6
 * address (a dual-stack listener) reads as the IPv4 address it carries.
 */
public final class SshConnectionReader {
    private SshConnectionReader() {}

    public static Optional<SessionView> read(String source, String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) return Optional.empty();
        String[] f = s.split("\\s+");
        if (f.length != 4) throw unreadable(source, s);
        Optional<IpAddress> peer = address(f[0]), local = address(f[2]);
        int peerPort = port(f[1]), localPort = port(f[3]);
        if (peer.isEmpty() || local.isEmpty() || peerPort < 0 || localPort < 0) throw unreadable(source, s);
        return Optional.of(new SessionView(peer.get(), peerPort, local.get(), localPort));
    }

    private static Optional<IpAddress> address(String text) {
        return IpAddress.tryParse(text).map(SshConnectionReader::unmapped);
    }

    /** ::ffff:a.b.c.d is the IPv4 peer a dual-stack socket saw. */
    private static IpAddress unmapped(IpAddress a) {
        if (a.isV4() || a.hi() != 0 || (a.lo() >>> 32) != 0xffffL) return a;
        return IpAddress.v4(a.lo());
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? p : -1;
    }

    private static OpsException unreadable(String source, String s) {
        return new OpsException(source + ": SSH_CONNECTION is '" + Lines.quote(s) + "', not 'PEER PORT LOCAL PORT'");
    }
}
