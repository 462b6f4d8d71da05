package ops.live;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ops.base.OpsException;
import ops.ssh.CommandResult;

/**
 * Several commands in ONE exec, each with its own stdout, stderr and exit status: what
 * `ssh host 'a; b; c'` costs, not one session per command (sshd serves a connection's
 * sessions one after another, ~100 ms each). Reads run one after another (fewest processes
 * on the host); probes, which mostly wait, run side by side ({@link #parallel}).
 *
 * The script goes to `sh -s` on stdin (no quoting, whatever the login shell); each command runs
 * in its own subshell (an `exit` in it ends only itself) with /dev/null as input, so none can
 * eat the script. Outputs come back between marker lines that
 * carry a random nonce, so no output can fake a boundary.
 */
public final class Batch {
    private final String nonce;
    private final List<String> commands;
    private final boolean parallel;

    /** Commands run one after another. */
    public Batch(List<String> commands) {
        this(commands, false);
    }

    /** Commands run side by side (each in the background, outputs collected in a private folder). */
    public static Batch parallel(List<String> commands) {
        return new Batch(commands, true);
    }

    private Batch(List<String> commands, boolean parallel) {
        this.parallel = parallel;
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        this.nonce = HexFormat.of().formatHex(b);
        this.commands = List.copyOf(commands);
    }

    /** What to run on the host, with {@link #script()} as its input. */
    public static final String COMMAND = "sh -s";

    /**
     * One after another, as `ssh host 'a; b; c'` would, printing each one's output straight
     * between markers; only stderr goes through a file (created with noclobber, so never through
     * someone's symlink). About two processes per command on the host. In parallel mode every
     * command's output goes to a private folder first, then comes back in the same layout.
     */
    public String script() {
        return parallel ? parallelScript() : sequentialScript();
    }

    private String sequentialScript() {
        StringBuilder sb = new StringBuilder("umask 077; set -C; e=\"${TMPDIR:-/tmp}/ops-batch.$$.err\"; : >\"$e\" || exit 70\n");
        for (int i = 0; i < commands.size(); i++) {
            String m = "@@" + nonce + ":" + i;
            sb.append("printf '").append(m).append(":out\\n'\n")
                    .append("(").append(commands.get(i)).append("\n) </dev/null 2>>\"$e\"; rc=$?\n")
                    .append("printf '\\n").append(m).append(":rc=%s\\n' \"$rc\"; [ -s \"$e\" ] && cat \"$e\" && : >|\"$e\"\n")
                    .append("printf '\\n").append(m).append(":end\\n'\n");
        }
        sb.append("rm -f \"$e\"\n");
        return sb.toString();
    }

    private String parallelScript() {
        StringBuilder sb = new StringBuilder("d=$(mktemp -d 2>/dev/null || mktemp -d -t ops) || exit 70\n");
        for (int i = 0; i < commands.size(); i++) {
            String f = "\"$d/" + i;
            sb.append("( (").append(commands.get(i)).append("\n) </dev/null >").append(f).append(".out\" 2>").append(f)
                    .append(".err\"; echo $? >").append(f).append(".rc\") &\n");
        }
        sb.append("wait\n");
        for (int i = 0; i < commands.size(); i++) {
            String m = "@@" + nonce + ":" + i, f = "\"$d/" + i;
            sb.append("printf '").append(m).append(":out\\n'; cat ").append(f).append(".out\"; printf '\\n").append(m)
                    .append(":rc=%s\\n' \"$(cat ").append(f).append(".rc\")\"; cat ").append(f).append(".err\"; printf '\\n")
                    .append(m).append(":end\\n'\n");
        }
        sb.append("rm -rf \"$d\"\n");
        return sb.toString();
    }

    /** One result per command, in order; a command whose section is missing failed to run at all. */
    public Map<Integer, CommandResult> parse(String where, String output) {
        Map<Integer, CommandResult> out = new LinkedHashMap<>();
        int pos = 0;
        for (int i = 0; i < commands.size(); i++) {
            String m = "@@" + nonce + ":" + i;
            int head = output.indexOf(m + ":out\n", pos);
            int rcAt = head < 0 ? -1 : output.indexOf("\n" + m + ":rc=", head);
            int rcEnd = rcAt < 0 ? -1 : output.indexOf('\n', rcAt + 1);
            int end = rcEnd < 0 ? -1 : output.indexOf("\n" + m + ":end\n", rcEnd);
            if (end < 0) {
                throw new OpsException(where + ": the batched commands came back incomplete (command " + (i + 1) + " of "
                        + commands.size() + "); is /bin/sh a POSIX shell there?");
            }
            String rc = output.substring(rcAt + m.length() + 5, rcEnd).strip();
            Optional<Integer> status;
            try {
                status = Optional.of(Integer.parseInt(rc));
            } catch (NumberFormatException e) {
                status = Optional.empty();
            }
            String stdout = output.substring(head + m.length() + 5, rcAt);
            String stderr = output.substring(rcEnd + 1, end);
            out.put(i, new CommandResult(commands.get(i), stdout, stderr, status, Optional.empty()));
            pos = end + m.length() + 6;
        }
        return out;
    }
}
