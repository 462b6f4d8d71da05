package ops.nat;

import java.util.List;
import java.util.Optional;
import ops.text.Shell;

/**
 * How an edge keeps its rules across reboots, detected rather than assumed, and the command
 * that saves the running rules that way (after a timestamped backup of the file).
 *
 * @param how     "netfilter-persistent", "file", "nftables.conf" or "none"
 * @param file    the rules file it writes
 */
public record Persistence(String how, String file) {

    /** Prints one line per mechanism found; read by {@link #detect}. */
    public static final String PROBE = "command -v netfilter-persistent >/dev/null 2>&1 && echo netfilter-persistent; "
            + "for f in /etc/iptables/rules.v4 /etc/sysconfig/iptables /etc/nftables.conf; do [ -f \"$f\" ] && echo \"file $f\"; done; true";

    public static Persistence detect(String tool, String probeOutput) {
        List<String> lines = probeOutput.lines().map(String::strip).toList();
        if (tool.equals("nftables")) {
            return lines.contains("file /etc/nftables.conf") ? new Persistence("nftables.conf", "/etc/nftables.conf") : none();
        }
        Optional<String> file = lines.stream().filter(l -> l.equals("file /etc/iptables/rules.v4") || l.equals("file /etc/sysconfig/iptables"))
                .map(l -> l.substring(5)).findFirst();
        if (lines.contains("netfilter-persistent") && file.orElse("").equals("/etc/iptables/rules.v4")) {
            return new Persistence("netfilter-persistent", "/etc/iptables/rules.v4");
        }
        return file.map(f -> new Persistence("file", f)).orElse(none());
    }

    static Persistence none() { return new Persistence("none", ""); }

    public boolean persists() { return !how.equals("none"); }

    /** Said in plans and reports. */
    public String describe() {
        return switch (how) {
            case "netfilter-persistent" -> "netfilter-persistent save (" + file + ")";
            case "file" -> "iptables-save > " + file;
            case "nftables.conf" -> "nft list ruleset > " + file;
            default -> "not persisted: no netfilter-persistent, /etc/iptables/rules.v4, /etc/sysconfig/iptables or /etc/nftables.conf on the edge; the change is lost at reboot";
        };
    }

    /** Backs the file up (FILE.ops-STAMP), then saves the running rules; empty for "none". */
    public Optional<String> saveCommand(String stamp) {
        if (!persists()) return Optional.empty();
        String f = Shell.quote(file), backup = Shell.quote(file + ".ops-" + stamp), tmp = Shell.quote(file + ".ops-new");
        String backupCmd = "cp -p " + f + " " + backup;
        return Optional.of(switch (how) {
            case "netfilter-persistent" -> backupCmd + " && netfilter-persistent save";
            case "file" -> backupCmd + " && iptables-save > " + tmp + " && mv " + tmp + " " + f;
            default -> backupCmd + " && { printf '#!/usr/sbin/nft -f\\nflush ruleset\\n\\n'; nft list ruleset; } > " + tmp
                    + " && mv " + tmp + " " + f;
        });
    }

    public String backupOf(String stamp) { return file + ".ops-" + stamp; }
}
