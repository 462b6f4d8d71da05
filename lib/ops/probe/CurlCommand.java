package ops.probe;

import java.time.Duration;
import java.util.Locale;
import ops.base.ToolkitVersion;

/**
 * The curl command lines a vantage runs: one probe per path, and the IP-echo lookup. curl is on
 * almost every host one can SSH into, binds a chosen source port (--local-port), times the
 * handshake (%{time_connect}) and speaks HTTP; `telnet://` gives a plain TCP connection.
 * -q ignores ~/.curlrc, --noproxy keeps a proxy from changing who connects.
 */
final class CurlCommand {
    private CurlCommand() {}

    static final String WRITE_OUT = CurlOutputReader.MARK + "local_ip=%{local_ip} local_port=%{local_port} "
            + "connect=%{time_connect} total=%{time_total} http=%{http_code}\\n";

    static final String USER_AGENT = "ops-source-ip-check/" + ToolkitVersion.VERSION;

    /** Exits 127 when there is no curl (not `curl --version`: that can stall for seconds resolving the host's own name). */
    static final String CHECK = "command -v curl >/dev/null 2>&1 || exit 127";

    /**
     * @param marker sent as header X-Ops-Probe, so a server's access log can show which probe it was
     */
    static String probe(ProbePlan p, Duration connectTimeout, String marker) {
        String address = p.target().address().orElseThrow() + ":" + p.target().port();
        // after connecting: up to 3 s for an HTTP answer; a plain service only needs the handshake, and one
        // that speaks first and waits (sshd) would otherwise hold the probe until --max-time
        Duration max = p.http() ? connectTimeout.plusSeconds(3) : connectTimeout.plusMillis(500);
        StringBuilder sb = new StringBuilder("curl -q -sS --noproxy '*' --local-port ").append(p.ports().first()).append('-')
                .append(p.ports().last()).append(" --connect-timeout ").append(seconds(connectTimeout)).append(" --max-time ")
                .append(seconds(max)).append(" -o /dev/null -w ").append(quote(WRITE_OUT));
        if (p.http()) {
            sb.append(" -A ").append(quote(USER_AGENT)).append(" -H ").append(quote("X-Ops-Probe: " + marker))
                    .append(' ').append(quote("http://" + address + "/"));
        } else {
            sb.append(' ').append(quote("telnet://" + address));
        }
        return sb.toString();
    }

    static String echo(String url, Duration timeout) {
        return "curl -q -sS --noproxy '*' --max-time " + seconds(timeout) + " -A " + quote(USER_AGENT)
                + " -H 'Accept: application/json, text/html;q=0.9, text/plain;q=0.8' " + quote(url);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    /** A POSIX shell word that is exactly {@code s}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
