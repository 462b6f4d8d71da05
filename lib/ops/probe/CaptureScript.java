package ops.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The capture as one POSIX sh script, fed to `sh -s` on the firewall (FreeBSD's sh or any
 * other): one tcpdump per interface (FreeBSD has no `-i any`), each bounded by `timeout` and
 * `-c`, reading its filter from a file under /tmp/ops-sic.NONCE, so that the nonce marks every
 * process and file of this capture. It reports each interface as listening or not, prints a
 * ready line, then waits for one line or the end of its input (us closing it, or the connection
 * dying), stops the captures and prints what each saw between nonce-marked lines.
 *
 * The whole script is one { } block: sh reads all of it before running any of it, so the `read`
 * at the end takes what WE send later, never the rest of the script.
 */
final class CaptureScript {
    private CaptureScript() {}

    static final String COMMAND = "sh -s";
    /** Bounds each capture's size; the filter keeps it to the probes' SYNs, SYN-ACKs and resets. */
    static final int MAX_PACKETS = 1000;
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    static boolean validDevice(String d) { return DEVICE.matcher(d).matches(); }

    /** The filter: only the probes' own source ports, only connection openings and their answers. */
    static String filter(PortRange ports) {
        return "tcp and portrange " + ports.first() + "-" + ports.last() + " and tcp[tcpflags] & (tcp-syn|tcp-rst) != 0";
    }

    static String directory(String nonce) { return "/tmp/ops-sic." + nonce; }

    static String text(String nonce, List<String> devices, String filter, Duration bound) {
        for (String d : devices) {
            if (!validDevice(d)) throw new IllegalArgumentException("not an interface name: " + d);
        }
        String ifs = String.join(" ", devices);
        return String.join("\n",
                "{",
                "m=" + nonce,
                "d=" + directory(nonce),
                "t=$(command -v tcpdump 2>/dev/null) || t=",
                "[ -n \"$t\" ] || { [ -x /usr/sbin/tcpdump ] && t=/usr/sbin/tcpdump; }",
                "[ -n \"$t\" ] || { echo \"@@$m:no-tcpdump\"; exit 0; }",
                "command -v timeout >/dev/null 2>&1 || { echo \"@@$m:no-timeout\"; exit 0; }",
                "S=; [ \"$(id -u)\" = 0 ] || S='sudo -n'",
                "mkdir -m 700 \"$d\" || { echo \"@@$m:no-dir\"; exit 0; }",
                "printf '%s\\n' '" + filter + "' > \"$d/filter\"",
                "pids=",
                "stop() { for p in $pids; do kill \"$p\" 2>/dev/null; done; }",
                "trap 'stop; rm -rf \"$d\"; exit 1' HUP INT TERM PIPE",
                "for i in " + ifs + "; do",
                "  timeout " + bound.toSeconds() + " $S \"$t\" -i \"$i\" -p -nn -l -tt --immediate-mode -c " + MAX_PACKETS
                        + " -F \"$d/filter\" >\"$d/$i.out\" 2>\"$d/$i.err\" </dev/null &",
                "  pids=\"$pids $!\"; echo $! >\"$d/$i.pid\"",
                "done",
                // a tcpdump that neither listens nor has given up (its process still runs) is still starting
                "starting() {",
                "  for i in " + ifs + "; do",
                "    grep -q 'listening on' \"$d/$i.err\" 2>/dev/null || { kill -0 \"$(cat \"$d/$i.pid\")\" 2>/dev/null && return 0; }",
                "  done",
                "  return 1",
                "}",
                waitWhile("starting", 100), // up to ~10 s for every tcpdump to listen or give up
                "for i in " + ifs + "; do",
                "  if grep -q 'listening on' \"$d/$i.err\" 2>/dev/null; then echo \"@@$m:listening:$i\"; else echo \"@@$m:not-listening:$i\"; fi",
                "done",
                "echo \"@@$m:ready\"",
                "read -r line || :",
                "sleep 0.2", // what is still on its way through the kernel's capture buffer
                "stop",
                "wait",
                "for i in " + ifs + "; do",
                "  echo \"@@$m:out:$i\"; cat \"$d/$i.out\"; echo \"@@$m:err:$i\"; cat \"$d/$i.err\"",
                "done",
                "echo \"@@$m:end\"",
                "rm -rf \"$d\"",
                "}",
                "");
    }

    /**
     * The kill by marker, for when we cannot wait for the script to stop by itself (Ctrl-C): every
     * tcpdump (and its timeout/sudo) whose command line holds this capture's directory, then
     * until none is left (up to 2 s), then SIGKILL. Sent on stdin, so this command's own
     * command line never matches the pattern.
     */
    static String killScript(String nonce) {
        String p = "'tcpdump .*ops-sic[.]" + nonce + "'";
        return String.join("\n",
                "pkill -f " + p + " 2>/dev/null",
                waitWhile("pgrep -f " + p + " >/dev/null 2>&1", 20),
                "pkill -9 -f " + p + " 2>/dev/null",
                "rm -rf " + directory(nonce),
                "");
    }

    /** The scripts' one poll loop: waits while {@code condition} holds, looking every 0.1 s, at most {@code tenths} times. */
    private static String waitWhile(String condition, int tenths) {
        return "n=0; while " + condition + " && [ $n -lt " + tenths + " ]; do sleep 0.1; n=$((n+1)); done";
    }

    /** The start of the output: how each interface's capture started, or why the capture could not. */
    record Start(Optional<String> fatal, Map<String, Boolean> listening) {}

    /** Reads the lines up to "ready"; {@code fatal} is a marker such as "no-tcpdump". */
    static Start start(String nonce, List<String> lines) {
        String m = "@@" + nonce + ":";
        Map<String, Boolean> listening = new LinkedHashMap<>();
        for (String l : lines) {
            if (!l.startsWith(m)) continue;
            String rest = l.substring(m.length());
            if (rest.startsWith("listening:")) listening.put(rest.substring(10), true);
            else if (rest.startsWith("not-listening:")) listening.put(rest.substring(14), false);
            else if (!rest.equals("ready")) return new Start(Optional.of(rest), listening);
        }
        return new Start(Optional.empty(), listening);
    }

    /** One interface's capture output and tcpdump's messages. */
    record Section(String stdout, String stderr) {}

    /** Reads the lines after "ready": each interface's stdout and stderr; empty when the end marker never came. */
    static Optional<Map<String, Section>> sections(String nonce, List<String> lines) {
        String m = "@@" + nonce + ":";
        Map<String, StringBuilder[]> parts = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String l : lines) {
            if (l.startsWith(m)) {
                String rest = l.substring(m.length());
                if (rest.equals("end")) {
                    Map<String, Section> out = new LinkedHashMap<>();
                    parts.forEach((d, p) -> out.put(d, new Section(p[0].toString(), p[1].toString())));
                    return Optional.of(out);
                }
                boolean out = rest.startsWith("out:");
                if (out || rest.startsWith("err:")) {
                    StringBuilder[] p = parts.computeIfAbsent(rest.substring(4), d -> new StringBuilder[] {new StringBuilder(), new StringBuilder()});
                    current = p[out ? 0 : 1];
                }
                continue;
            }
            if (current != null) current.append(l).append('\n');
        }
        return Optional.empty();
    }

    /** tcpdump's (or sudo's) first message that is not its usual chatter. */
    static String firstError(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String l : stderr.split("\r?\n")) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("tcpdump: verbose output suppressed") || s.startsWith("listening on")
                    || s.matches("\\d+ packets? .*")) continue;
            lines.add(s);
        }
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /** "That device is not up", "No such device exists", FreeBSD's "Device not configured": nothing can pass it. */
    static boolean deviceDown(String message) {
        String s = message.toLowerCase(java.util.Locale.ROOT);
        return s.contains("not up") || s.contains("no such device") || s.contains("device not configured");
    }
}
