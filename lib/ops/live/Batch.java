package ops.live;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ops.cli.OpsException;
import ops.ssh.CommandResult;

/**
 * Several commands in ONE exec, run side by side on the host, each with its own stdout,
 * stderr and exit status: what `ssh host 'a; b; c'` costs, not one session per command
 * (sshd serves a connection's sessions one after another, ~100 ms each).
 *
 * The script goes to `sh -s` on stdin (no quoting, whatever the login shell); each command runs
 * in its own subshell (an `exit` in it ends only itself) with /dev/null as input, so none can
 * eat the script. Outputs come back between marker lines that
 * carry a random nonce, so no output can fake a boundary.
 */
public final class Batch {
    private final String nonce;
    private final List<String> commands;

    public Batch(List<String> commands) {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        this.nonce = HexFormat.of().formatHex(b);
        this.commands = List.copyOf(commands);
    }

    /** What to run on the host, with {@link #script()} as its input. */
    public static final String COMMAND = "sh -s";

    public String script() {
        StringBuilder sb = new StringBuilder("d=$(mktemp -d 2>/dev/null || mktemp -d -t ops) || exit 70\n");
        for (int i = 0; i < commands.size(); i++) {
            String f = "\"$d/" + i;
            sb.append("( (").append(commands.get(i)).append("\n) </dev/null >").append(f).append(".out\" 2>").append(f)
                    .append(".err\"; echo $? >").append(f).append(".rc\") &\n");
        }
        sb.append("wait\n");
        for (int i = 0; i < commands.size(); i++) {
            String m = "@@" + nonce + ":" + i;
            sb.append("printf '").append(m).append(":rc=%s\\n' \"$(cat \"$d/").append(i).append(".rc\")\"; cat \"$d/").append(i)
                    .append(".out\"; printf '\\n").append(m).append(":err\\n'; cat \"$d/").append(i).append(".err\"; printf '\\n")
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
            int head = output.indexOf(m + ":rc=", pos);
            int headEnd = head < 0 ? -1 : output.indexOf('\n', head);
            int err = headEnd < 0 ? -1 : output.indexOf("\n" + m + ":err\n", headEnd);
            int end = err < 0 ? -1 : output.indexOf("\n" + m + ":end\n", err);
            if (end < 0) {
                throw new OpsException(where + ": the batched commands came back incomplete (command " + (i + 1) + " of "
                        + commands.size() + "); is /bin/sh a POSIX shell there?");
            }
            String rc = output.substring(head + m.length() + 4, headEnd).strip();
            Optional<Integer> status;
            try {
                status = Optional.of(Integer.parseInt(rc));
            } catch (NumberFormatException e) {
                status = Optional.empty();
            }
            String stdout = output.substring(headEnd + 1, err);
            String stderr = output.substring(err + m.length() + 6, end);
            out.put(i, new CommandResult(commands.get(i), stdout, stderr, status, Optional.empty()));
            pos = end + m.length() + 6;
        }
        return out;
    }
}
