package ops.pfsense;

import java.util.LinkedHashMap;
import java.util.Map;
import ops.base.OpsException;
import ops.text.Lines;

/**
 * Reads {@code grep -H . /tmp/*_router}: one "/tmp/ovpnc1_router:10.8.1.1" line per file.
 * pfSense writes the current gateway address of each dynamic interface there (OpenVPN's
 * ovpn-linkup, DHCP...). Returns device → address text.
 */
public final class RoutersReader {
    private RoutersReader() {}

    public static Map<String, String> read(String source, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) return out;
        String[] lines = text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            String path = colon < 0 ? "" : line.substring(0, colon);
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (colon < 0 || !file.endsWith("_router")) {
                throw new OpsException(source + " line " + (n + 1) + ": expected '/tmp/<device>_router:<address>', found '"
                        + Lines.quote(line) + "'; capture it with `grep -H . /tmp/*_router`");
            }
            out.putIfAbsent(file.substring(0, file.length() - "_router".length()), line.substring(colon + 1).strip());
        }
        return out;
    }
}
