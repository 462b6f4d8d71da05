package ops.pfsense;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import ops.base.OpsException;
import ops.net.IpAddress;
import ops.text.Lines;

/**
 * Reads {@code pfSsh.php playback gatewaystatus}. pfSense pads the columns, right-aligns some,
 * and leaves cells empty for gateways without monitoring, so cells are recognised by shape
 * (address, "…ms", "…%", status word) rather than by position.
 */
public final class GatewayStatusReader {
    private GatewayStatusReader() {}

    private static final Set<String> STATUS_WORDS = Set.of("online", "offline", "down", "none", "delay", "loss",
            "highdelay", "highloss", "force_down", "pending", "unknown");

    public static Map<String, GatewayStatus> read(String source, String text) {
        Map<String, GatewayStatus> out = new LinkedHashMap<>();
        if (text == null) return out;
        boolean sawHeader = false, hasSubstatus = false;
        String[] lines = text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+");
            if (f[0].equals("Name")) {
                sawHeader = true;
                hasSubstatus = line.contains("Substatus");
                continue;
            }
            if (!sawHeader) {
                throw new OpsException(source + " line " + (n + 1) + ": '" + Lines.quote(line)
                        + "' before the 'Name Monitor Source ...' header; expected `pfSsh.php playback gatewaystatus` output");
            }
            String monitor = "", src = "", delay = "", stddev = "", loss = "", status = "", substatus = "";
            for (int i = 1; i < f.length; i++) {
                String c = f[i];
                if (i == 1 && (c.equals("none") || c.equals("~"))) {
                    // the Monitor column of a gateway without monitoring (pfSense prints "none"): an address slot, never a status
                    monitor = c;
                } else if (IpAddress.tryParse(c).isPresent()) {
                    if (monitor.isEmpty()) monitor = c; else src = c;
                } else if (c.endsWith("ms")) {
                    if (delay.isEmpty()) delay = c; else stddev = c;
                } else if (c.endsWith("%")) {
                    loss = c;
                } else if (STATUS_WORDS.contains(c)) {
                    if (status.isEmpty()) status = c; else substatus = c;
                } else {
                    throw new OpsException(source + " line " + (n + 1) + ": cannot read '" + Lines.quote(c)
                            + "' in '" + Lines.quote(line) + "'");
                }
            }
            if (status.isEmpty()) {
                throw new OpsException(source + " line " + (n + 1) + ": no status in '" + Lines.quote(line) + "'");
            }
            if (!hasSubstatus && !substatus.isEmpty()) {
                throw new OpsException(source + " line " + (n + 1) + ": two status words in '" + Lines.quote(line) + "'");
            }
            out.put(f[0], new GatewayStatus(f[0], monitor, src, delay, stddev, loss, status, substatus));
        }
        return out;
    }
}
