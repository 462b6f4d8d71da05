package ops.edge;

import java.util.ArrayList;
import java.util.List;
import ops.base.OpsException;
import ops.text.Lines;

/** Reads the nat table of {@code iptables-save}; other tables are skipped. */
public final class IptablesSaveReader {
    private IptablesSaveReader() {}

    public static EdgeNat read(String source, String text) {
        List<NatRule> rules = new ArrayList<>();
        java.util.Map<String, Integer> positions = new java.util.HashMap<>();
        String table = "";
        String[] lines = text == null ? new String[0] : text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("*")) { table = line.substring(1); continue; }
            if (line.equals("COMMIT") || line.startsWith(":")) continue;
            if (!line.startsWith("-A ")) {
                throw new OpsException(source + " line " + (n + 1) + ": '" + Lines.quote(line)
                        + "' is not iptables-save output; capture it with `iptables-save`");
            }
            if (table.equals("nat")) {
                String[] words = line.split("\\s+", 3);
                int pos = positions.merge(words.length > 1 ? words[1] : "", 1, Integer::sum);
                rules.add(rule(source, n + 1, line, pos));
            }
        }
        return new EdgeNat("iptables", rules);
    }

    private static NatRule rule(String source, int lineNo, String line, int position) {
        List<String> t = tokens(source, lineNo, line);
        String chain = t.get(1);
        String action = "", jumpTo = "", in = "", out = "", src = "", dst = "", proto = "", dports = "", to = "";
        List<String> unmodeled = new ArrayList<>();
        boolean not = false;
        for (int i = 2; i < t.size(); i++) {
            String opt = t.get(i);
            if (opt.equals("!")) { not = true; continue; }
            String neg = not ? "!" : "";
            not = false;
            String val = i + 1 < t.size() ? t.get(i + 1) : "";
            switch (opt) {
                case "-i", "--in-interface" -> { in = neg + val; i++; }
                case "-o", "--out-interface" -> { out = neg + val; i++; }
                case "-s", "--source" -> { src = neg + val; i++; }
                case "-d", "--destination" -> { dst = neg + val; i++; }
                case "-p", "--protocol" -> { proto = neg + val; i++; }
                case "--dport", "--destination-port", "--dports", "--destination-ports" -> { dports = neg + val; i++; }
                case "-j", "--jump", "-g", "--goto" -> {
                    i++;
                    switch (val) {
                        case "DNAT", "SNAT", "MASQUERADE", "ACCEPT", "RETURN", "DROP", "REDIRECT", "NETMAP", "LOG", "MARK",
                                "CONNMARK" -> action = val;
                        default -> { action = opt.equals("-g") || opt.equals("--goto") ? "GOTO" : "JUMP"; jumpTo = val; }
                    }
                }
                case "--to-destination", "--to-source", "--to" -> { to = val; i++; }
                case "--to-ports" -> { to = ":" + val; i++; }
                case "-m", "--match" -> i++; // the module's own options follow and are read above or below
                case "--random", "--random-fully", "--persistent" -> { }
                case "--comment" -> i++;
                default -> {
                    // an option we do not model (e.g. --mark 0x1, --ctstate NEW): keep it and its value
                    StringBuilder u = new StringBuilder(neg.isEmpty() ? "" : "! ").append(opt);
                    while (i + 1 < t.size() && !t.get(i + 1).startsWith("-") && !t.get(i + 1).equals("!")) u.append(' ').append(t.get(++i));
                    unmodeled.add(u.toString());
                }
            }
        }
        if (action.isEmpty()) action = "NONE"; // a rule without -j only counts packets
        String addr = to, port = "";
        int colon = to.lastIndexOf(':');
        if (colon >= 0) { addr = to.substring(0, colon); port = to.substring(colon + 1); }
        int dash = addr.indexOf('-');
        if (dash >= 0) addr = addr.substring(0, dash); // an address range: its first address
        return new NatRule(chain, 0, action, jumpTo, in, out, src, dst, proto, dports, addr, port,
                List.copyOf(unmodeled), line, source + " line " + lineNo, chain + " " + position);
    }

    /** Splits like a shell would for iptables-save's quoting ("..." with \" escapes). */
    private static List<String> tokens(String source, int lineNo, String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuote = false, has = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuote) {
                if (c == '\\' && i + 1 < line.length()) { cur.append(line.charAt(++i)); }
                else if (c == '"') inQuote = false;
                else cur.append(c);
            } else if (c == '"') { inQuote = true; has = true; }
            else if (Character.isWhitespace(c)) {
                if (has || cur.length() > 0) { out.add(cur.toString()); cur.setLength(0); has = false; }
            } else cur.append(c);
        }
        if (inQuote) {
            throw new OpsException(source + " line " + lineNo + ": unterminated quote in '" + Lines.quote(line) + "'");
        }
        if (has || cur.length() > 0) out.add(cur.toString());
        if (out.size() < 2) {
            throw new OpsException(source + " line " + lineNo + ": '-A' without a chain name");
        }
        return out;
    }
}
