package ops.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ops.base.OpsException;

/**
 * One host's SSH settings as OpenSSH resolves them (the keys of `ssh -G`), for the options this
 * toolkit honours.
 *
 * @param alias        what the user named (an ssh_config Host alias or a host name), used in messages
 * @param hostName     where to connect
 * @param keyName      the name host keys are filed under (HostKeyAlias, else the host name)
 * @param keyAliased   whether keyName came from HostKeyAlias (then OpenSSH files it without `[ ]:port`)
 * @param proxyJump    hops as written in ProxyJump (`a,b`), empty for a direct connection
 * @param identityAgent IdentityAgent as written (`SSH_AUTH_SOCK`, `$VAR`, a path with tokens expanded,
 *                     `none`); empty = $SSH_AUTH_SOCK, OpenSSH's default
 * @param identitiesOnly IdentitiesOnly: only the keys IdentityFile/CertificateFile name, also from the agent
 * @param certificateFiles CertificateFile, in order (tokens and `~` expanded)
 * @param proxyCommand ProxyCommand with its %-tokens expanded, empty for none (ssh -G keeps only the
 *                     first of ProxyJump and ProxyCommand, as ssh itself does)
 */
public record HostConfig(String alias, String hostName, String user, int port, List<Path> identityFiles,
                         Optional<String> proxyJump, Optional<Duration> connectTimeout,
                         List<Path> userKnownHosts, List<Path> globalKnownHosts,
                         StrictHostKeyChecking strictHostKeyChecking, String keyName, boolean keyAliased,
                         boolean hashKnownHosts, Optional<String> identityAgent, boolean identitiesOnly,
                         List<Path> certificateFiles, Optional<String> proxyCommand) {

    /** OpenSSH's StrictHostKeyChecking; NO and ACCEPT_NEW add unknown keys, none accepts a changed key here. */
    public enum StrictHostKeyChecking {
        YES, ASK, ACCEPT_NEW, NO;

        static StrictHostKeyChecking parse(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> YES;
                case "no", "false", "off" -> NO;
                case "accept-new" -> ACCEPT_NEW;
                default -> ASK;
            };
        }
    }

    /** "user@host:port" for messages; the alias too when it differs. */
    public String where() {
        String target = user + "@" + hostName + (port == 22 ? "" : ":" + port);
        return alias.equals(hostName) ? target : alias + " (" + target + ")";
    }

    /**
     * Builds the settings from `ssh -G`-style keys (lower case, each with its values in order).
     * Tokens OpenSSH expands in file names (%d %u %h %r %p %%) are expanded here.
     */
    static HostConfig from(String alias, Map<String, List<String>> o, SshSettings settings) {
        String host = first(o, "hostname").orElse(alias);
        String user = first(o, "user").orElse(System.getProperty("user.name"));
        int port = first(o, "port").map(p -> parsePort(alias, p)).orElse(22);
        Optional<String> jump = first(o, "proxyjump").filter(v -> !v.equalsIgnoreCase("none"));
        Optional<Duration> timeout = first(o, "connecttimeout").filter(v -> !v.equalsIgnoreCase("none"))
                .map(v -> Duration.ofSeconds(parseSeconds(alias, v)));
        Tokens tokens = new Tokens(settings.home().toString(), System.getProperty("user.name"), host, user, port);
        List<Path> ids = new ArrayList<>();
        for (String f : o.getOrDefault("identityfile", List.of())) {
            if (!f.equalsIgnoreCase("none")) ids.add(settings.expand(tokens.expand(f)));
        }
        List<Path> certs = new ArrayList<>();
        for (String f : o.getOrDefault("certificatefile", List.of())) {
            if (!f.equalsIgnoreCase("none")) certs.add(settings.expand(tokens.expand(f)));
        }
        Optional<String> agent = first(o, "identityagent").map(v -> v.equals("SSH_AUTH_SOCK") || v.startsWith("$")
                || v.equalsIgnoreCase("none") ? v : settings.expand(tokens.expand(v)).toString());
        // a ProxyJump that came first turns ProxyCommand off (ssh -G then prints no proxycommand at all)
        Optional<String> proxyCommand = jump.isPresent() ? Optional.empty()
                : first(o, "proxycommand").filter(v -> !v.equalsIgnoreCase("none")).map(v -> tokens.expandCommand(v, alias));
        return new HostConfig(alias, host, user, port, List.copyOf(ids), jump, timeout,
                files(o, "userknownhostsfile", settings, tokens), files(o, "globalknownhostsfile", settings, tokens),
                first(o, "stricthostkeychecking").map(StrictHostKeyChecking::parse).orElse(StrictHostKeyChecking.ASK),
                first(o, "hostkeyalias").filter(v -> !v.equalsIgnoreCase("none")).orElse(host),
                first(o, "hostkeyalias").filter(v -> !v.equalsIgnoreCase("none")).isPresent(),
                first(o, "hashknownhosts").map(v -> v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true")).orElse(false),
                agent, first(o, "identitiesonly").map(v -> v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true")).orElse(false),
                List.copyOf(certs), proxyCommand);
    }

    private static List<Path> files(Map<String, List<String>> o, String key, SshSettings settings, Tokens tokens) {
        List<Path> out = new ArrayList<>();
        for (String line : o.getOrDefault(key, List.of())) {
            // ssh -G prints the list space-separated (paths with spaces are not supported)
            for (String f : line.trim().split("\\s+")) {
                if (!f.isEmpty() && !f.equalsIgnoreCase("none")) out.add(settings.expand(tokens.expand(f)));
            }
        }
        return List.copyOf(out);
    }

    private static Optional<String> first(Map<String, List<String>> o, String key) {
        List<String> v = o.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0).trim());
    }

    static int parsePort(String where, String p) {
        try {
            int n = Integer.parseInt(p.trim());
            if (n > 0 && n < 65536) return n;
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new OpsException(where + ": bad SSH port '" + p + "'; use a number from 1 to 65535");
    }

    private static long parseSeconds(String where, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new OpsException(where + ": bad ConnectTimeout '" + v + "' in ssh_config; use whole seconds", e);
        }
    }

    /** The %-tokens OpenSSH expands in IdentityFile and UserKnownHostsFile (and, with %n, ProxyCommand). */
    private record Tokens(String home, String localUser, String host, String user, int port) {
        /** ProxyCommand's tokens as sshconnect.c expands them (`ssh -G` prints them unexpanded); also %n, the name as given. */
        String expandCommand(String s, String original) {
            return expand(s.replace("%%", "\0").replace("%n", original.replace("%", "\0"))).replace("\0", "%");
        }

        String expand(String s) {
            if (s.indexOf('%') < 0) return s;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '%' || i + 1 == s.length()) {
                    sb.append(c);
                    continue;
                }
                char t = s.charAt(++i);
                switch (t) {
                    case 'd' -> sb.append(home);
                    case 'u' -> sb.append(localUser);
                    case 'h' -> sb.append(host);
                    case 'r' -> sb.append(user);
                    case 'p' -> sb.append(port);
                    case '%' -> sb.append('%');
                    default -> sb.append('%').append(t);
                }
            }
            return sb.toString();
        }
    }
}
