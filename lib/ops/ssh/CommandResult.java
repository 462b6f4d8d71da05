package ops.ssh;

import java.util.Optional;

/**
 * What one remote command left: its output, its error output and how it ended.
 *
 * @param exitStatus empty when the server sent none (killed by a signal, see {@code signal})
 */
public record CommandResult(String command, String stdout, String stderr, Optional<Integer> exitStatus,
                            Optional<String> signal) {

    public boolean ok() { return exitStatus.isPresent() && exitStatus.get() == 0; }

    /** "exit 127: sh: pfctl: not found" — the status and the first line of stderr, for one-line messages. */
    public String failure() {
        String status = exitStatus.map(s -> "exit " + s).orElse(signal.map(s -> "killed by SIG" + s).orElse("no exit status"));
        String line = firstLine(stderr);
        return line.isEmpty() ? status : status + ": " + line;
    }

    static String firstLine(String s) {
        for (String l : s.split("\n")) {
            if (!l.isBlank()) return l.strip();
        }
        return "";
    }
}
