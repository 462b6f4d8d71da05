package ops.ssh;

import java.util.Optional;
import ops.base.OpsException;

/**
 * A host as the user writes it: an ssh_config alias or `[user@]host[:port]` (the ProxyJump form),
 * also `ssh://[user@]host[:port]`; IPv6 addresses in brackets. User and port, when given,
 * win over ssh_config as they do on ssh's command line.
 */
public record SshTarget(String spec, Optional<String> user, String host, Optional<Integer> port) {

    public static SshTarget parse(String spec) {
        String s = spec.trim();
        if (s.isEmpty() || s.startsWith("-") || s.chars().anyMatch(c -> Character.isWhitespace(c) || c < 32)) {
            throw new OpsException("'" + spec + "': not a host; name an ssh_config alias or [user@]host[:port]");
        }
        if (s.startsWith("ssh://")) s = s.substring(6);
        if (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        Optional<String> user = Optional.empty();
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = Optional.of(s.substring(0, at));
            s = s.substring(at + 1);
        }
        Optional<Integer> port = Optional.empty();
        String host = s;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new OpsException("'" + spec + "': unclosed [ in host; write [2001:db8::1]:22");
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith(":")) port = Optional.of(HostConfig.parsePort(spec, rest.substring(1)));
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = Optional.of(HostConfig.parsePort(spec, s.substring(s.indexOf(':') + 1)));
        }
        if (host.isEmpty() || user.map(String::isEmpty).orElse(false)) {
            throw new OpsException("'" + spec + "': not a host; name an ssh_config alias or [user@]host[:port]");
        }
        return new SshTarget(spec, user, host, port);
    }
}
