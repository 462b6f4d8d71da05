package ops.change;

/**
 * One operation of a change plan, shown exactly as it will run: on which host, why, the
 * command, and what it gets on stdin (a PHP snippet, an iptables-restore delta...).
 */
public record Step(String host, String why, String command, String stdin) {

    public Step(String host, String why, String command) {
        this(host, why, command, "");
    }

    /** For --dry-run and the change log. */
    public String render() {
        StringBuilder sb = new StringBuilder("  on ").append(host).append(": ").append(why).append('\n')
                .append("    $ ").append(command).append('\n');
        if (!stdin.isEmpty()) {
            for (String line : stdin.strip().split("\n")) sb.append("    | ").append(line).append('\n');
        }
        return sb.toString();
    }
}
