package ops.pfsense;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ops.base.OpsException;
import ops.text.Lines;

/** Reads {@code pfctl -sr} (with or without -v); keeps filter rules, skips scrub/anchor lines. */
public final class PfRulesReader {
    private PfRulesReader() {}

    private static final Pattern ON = Pattern.compile("\\bon (! )?([A-Za-z0-9_.]+)");
    private static final Pattern TARGET = Pattern.compile("\\b(reply-to|route-to) \\(?([A-Za-z0-9_.]+)(?: ([0-9A-Fa-f:.]+))?\\)?");
    private static final Pattern LABEL = Pattern.compile("\\blabel \"([^\"]*)\"");
    private static final Pattern RID = Pattern.compile("\\bridentifier (\\d+)");

    public static List<PfRule> read(String source, String text) {
        List<PfRule> out = new ArrayList<>();
        if (text == null) return out;
        String[] lines = text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || line.startsWith(" ") || line.startsWith("\t")) {
                continue; // -v statistics lines are indented
            }
            String[] f = t.split("\\s+");
            String action = f[0];
            if (action.equals("scrub") || action.endsWith("anchor") || action.equals("table") || action.equals("set")
                    || action.equals("antispoof") || action.equals("load")) {
                continue;
            }
            if (!action.equals("pass") && !action.equals("block") && !action.equals("match")) {
                throw new OpsException(source + " line " + (n + 1) + ": '" + Lines.quote(t)
                        + "' is not a pf rule; expected the output of `pfctl -sr`");
            }
            String direction = f.length > 1 && (f[1].equals("in") || f[1].equals("out")) ? f[1] : "";
            boolean quick = (" " + t + " ").contains(" quick ");
            Matcher on = ON.matcher(t);
            String iface = on.find() ? (on.group(1) == null ? "" : "! ") + on.group(2) : "";
            Optional<PfRule.Target> replyTo = Optional.empty(), routeTo = Optional.empty();
            Matcher m = TARGET.matcher(t);
            while (m.find()) {
                PfRule.Target target = new PfRule.Target(m.group(2), m.group(3) == null ? "" : m.group(3));
                if (m.group(1).equals("reply-to")) replyTo = Optional.of(target); else routeTo = Optional.of(target);
            }
            Matcher label = LABEL.matcher(t);
            Matcher rid = RID.matcher(t);
            out.add(new PfRule(n + 1, action, direction, quick, iface, replyTo, routeTo,
                    label.find() ? label.group(1) : "", rid.find() ? rid.group(1) : "", t));
        }
        return out;
    }
}
