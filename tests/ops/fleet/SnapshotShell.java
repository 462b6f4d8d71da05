package ops.fleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one virtual host answers, with no process: the exact command lines a live audit sends
 * (lib/ops/live/RemoteRead, through Sudo.wrap for a non-root login), each printing a file of a
 * snapshot folder, as the fake commands of tests/ops/live/SnapshotHosts do; and `sh -s` with the
 * script lib/ops/live/Batch writes, run line by line. Anything else is refused the way a shell
 * would (127, "not found"), so a change of the client's commands fails loudly, never silently.
 *
 * A firewall answers the firewall's reads, an edge (role = its gateway name) the edge's: a real
 * pfSense has no iptables-save.
 */
public final class SnapshotShell {
    public static final String FIREWALL = "FIREWALL";

    /** What a command printed and its exit status. */
    public record Reply(byte[] out, byte[] err, int status) {
        static Reply ok(byte[] out) { return new Reply(out, new byte[0], 0); }
        static Reply fail(String err, int status) { return new Reply(new byte[0], err.getBytes(StandardCharsets.UTF_8), status); }
    }

    // Sudo.wrap(c) for a login that is not root; a virtual host's login is uid 0, so c runs as is
    private static final Pattern SUDO = Pattern.compile("if \\[ \"\\$\\(id -u\\)\" = 0 \\]; then (.+); else sudo -n \\1; fi");

    private final String role;
    private final Map<String, byte[]> files = new HashMap<>(); // read once: serving must cost no disk I/O

    /** @param config this host's config.xml text (a firewall), or null (an edge) */
    public SnapshotShell(String role, Path snapshot, String config) throws IOException {
        this.role = role;
        if (FIREWALL.equals(role)) {
            files.put("config.xml", config.getBytes(StandardCharsets.UTF_8));
            for (String f : new String[] {"routes.txt", "ifconfig.txt", "gateway-status.txt", "pf-rules.txt", "routers.txt"}) load(snapshot, f);
        } else {
            for (String x : new String[] {".iptables", ".nft.json", ".addr.json", ".routes.json"}) load(snapshot, "edges/" + role + x);
        }
    }

    private void load(Path snapshot, String name) throws IOException {
        Path p = snapshot.resolve(name);
        if (Files.isRegularFile(p)) files.put(name, Files.readAllBytes(p));
    }

    /** One command line, as sshd would hand it to the login shell; {@code stdin} is what the client sent (for `sh -s`). */
    public Reply run(String command, byte[] stdin) {
        if (command.equals("sh -s")) return script(new String(stdin, StandardCharsets.UTF_8));
        Matcher sudo = SUDO.matcher(command);
        String c = sudo.matches() ? sudo.group(1) : command;
        if (c.equals("true")) return Reply.ok(new byte[0]);
        return FIREWALL.equals(role) ? firewall(c) : edge(c);
    }

    private Reply firewall(String c) {
        return switch (c) {
            case "cat /conf/config.xml" -> file("config.xml", "cat: /conf/config.xml: No such file or directory\n");
            case "netstat -rnW" -> file("routes.txt", "netstat: no routing table in this snapshot\n");
            case "ifconfig -a" -> file("ifconfig.txt", "ifconfig: this snapshot has no ifconfig.txt\n");
            case "pfSsh.php playback gatewaystatus" -> file("gateway-status.txt", "pfSsh.php: no gateway status in this snapshot\n");
            case "pfctl -sr" -> file("pf-rules.txt", "pfctl: no rules in this snapshot\n");
            case "grep -H . /tmp/*_router" -> file("routers.txt", "grep: /tmp/*_router: No such file or directory\n");
            default -> notFound(c);
        };
    }

    private Reply edge(String c) {
        String base = "edges/" + role;
        return switch (c) {
            case "iptables-save" -> Reply.ok(files.getOrDefault(base + ".iptables", new byte[0])); // no rules: prints nothing
            case "nft -j list ruleset" -> Reply.ok(files.getOrDefault(base + ".nft.json",
                    "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}}]}\n".getBytes(StandardCharsets.UTF_8)));
            case "ip -j addr" -> file(base + ".addr.json", "ip: no addr in this snapshot\n");
            case "ip -j route" -> file(base + ".routes.json", "ip: no routes in this snapshot\n");
            default -> notFound(c);
        };
    }

    private Reply file(String name, String missing) {
        byte[] b = files.get(name);
        return b != null ? Reply.ok(b) : Reply.fail(missing, 1);
    }

    private static Reply notFound(String c) {
        return Reply.fail("sh: 1: " + c.split(" ", 2)[0] + ": not found\n", 127);
    }

    // the lines of Batch's sequential script, as written there
    private static final String PREAMBLE = "umask 077; set -C; e=\"${TMPDIR:-/tmp}/ops-batch.$$.err\"; : >\"$e\" || exit 70";
    private static final String END_OF_COMMAND = ") </dev/null 2>>\"$e\"; rc=$?";
    private static final String RC_TAIL = " \"$rc\"; [ -s \"$e\" ] && cat \"$e\" && : >|\"$e\"";
    private static final String CLEANUP = "rm -f \"$e\"";
    private static final Pattern PRINTF = Pattern.compile("printf '([^'%]*)'");
    private static final Pattern PRINTF_RC = Pattern.compile("printf '([^'%]*)%s([^'%]*)'" + Pattern.quote(RC_TAIL));

    /**
     * Batch's script, as sh would run it: each `(command) 2>>"$e"` prints its output, its stderr
     * is kept until the rc line prints it. A line of any other shape ends the script with an
     * error, as a shell without that feature would.
     */
    private Reply script(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] lines = text.split("\n", -1);
        int rc = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m;
            if (line.isEmpty() || line.equals(PREAMBLE) || line.equals(CLEANUP)) {
                continue;
            } else if ((m = PRINTF_RC.matcher(line)).matches()) {
                out.writeBytes(escapes(m.group(1) + rc + m.group(2)));
                out.writeBytes(err.toByteArray());
                err.reset();
            } else if ((m = PRINTF.matcher(line)).matches()) {
                out.writeBytes(escapes(m.group(1)));
            } else if (line.startsWith("(")) {
                StringBuilder command = new StringBuilder(line.substring(1));
                while (++i < lines.length && !lines[i].equals(END_OF_COMMAND)) command.append('\n').append(lines[i]);
                if (i == lines.length) return new Reply(out.toByteArray(), bytes("sh: 1: Syntax error: end of file unexpected\n"), 2);
                Reply r = run(command.toString(), new byte[0]);
                out.writeBytes(r.out());
                err.writeBytes(r.err());
                rc = r.status();
            } else {
                return new Reply(out.toByteArray(), bytes("sh: virtual host: unsupported script line: " + line + "\n"), 2);
            }
        }
        return new Reply(out.toByteArray(), err.toByteArray(), 0);
    }

    /** printf's format escapes that Batch uses: \n and \\. */
    private static byte[] escapes(String format) {
        return bytes(format.replace("\\n", "\n").replace("\\\\", "\\"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
