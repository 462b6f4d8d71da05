package ops.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import ops.base.AtomicFile;
import ops.base.OpsException;
import ops.discovery.EdgeSource;

/**
 * Writes the edges a live audit used as an inventory (docs/inventory.md), so that later runs (cron)
 * read a fixed mapping: one {@code [firewalls.NAME]} table, each edge with its reason as a comment;
 * an edge that was not reached, or not found, is a commented line saying why.
 */
public final class InventoryWriter {
    private InventoryWriter() {}

    /** The TOML text. */
    public static String render(String firewall, String ssh, List<EdgeSource> edges) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ops inventory (docs/inventory.md), written by route-audit --write-inventory: the edge read behind each\n")
                .append("# gateway of ").append(comment(firewall)).append(" and why. Edit freely; a run with this file reads exactly these hosts.\n\n");
        String table = "firewalls." + key(firewall);
        sb.append('[').append(table).append("]\n");
        sb.append("ssh = ").append(string(ssh)).append("\n\n");
        sb.append('[').append(table).append(".edges]\n");
        for (EdgeSource e : edges) {
            if (e.read()) {
                sb.append(key(e.gateway())).append(" = ").append(string(e.host().get())).append("  # ").append(comment(e.why())).append('\n');
            } else if (e.host().isPresent()) {
                sb.append("# ").append(key(e.gateway())).append(" = ").append(string(e.host().get())).append("  # not reached; fix it, then remove the first '#': ")
                        .append(comment(e.problem().orElse(e.why()))).append('\n');
            } else {
                sb.append("# ").append(key(e.gateway())).append(": no edge found: ").append(comment(e.why())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Writes the file atomically (temp file, then rename). A file there already must be an inventory
     * that names no other firewall: its other tables would be lost.
     */
    public static void write(Path file, String firewall, String ssh, List<EdgeSource> edges) {
        if (Files.exists(file)) {
            Inventory old;
            try {
                old = Inventory.read(file);
            } catch (OpsException e) {
                throw new OpsException(file + ": is there and is not an inventory, so --write-inventory leaves it alone (" + e.getMessage()
                        + "); name a new file", e);
            }
            Set<String> others = new TreeSet<>(old.firewalls().keySet());
            others.remove(firewall);
            if (!others.isEmpty()) {
                throw new OpsException(file + ": also names firewall(s) " + String.join(", ", others) + ", which --write-inventory "
                        + "would drop (it writes " + firewall + "'s table only); name a new file and merge the table by hand");
            }
        }
        AtomicFile.write(file, render(firewall, ssh, edges));
    }

    private static final java.util.regex.Pattern BARE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    /** A TOML key: bare when it can be, else a quoted string. */
    static String key(String k) {
        return BARE.matcher(k).matches() ? k : string(k);
    }

    /** A TOML basic string. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04X", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Text for a comment: one line. */
    private static String comment(String s) {
        return s.replaceAll("\\p{Cntrl}", " ");
    }
}
