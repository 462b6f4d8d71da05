package ops.probe;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import ops.net.IpAddress;

/**
 * Reads one probe's curl run: the line its {@code -w} format ({@link CurlCommand#WRITE_OUT})
 * printed, its exit status and its error message. A missing line means curl did not run.
 */
public final class CurlOutputReader {
    private CurlOutputReader() {}

    static final String MARK = "ops-probe ";

    public static ProbeOutcome read(String stdout, String stderr, int exit) {
        Map<String, String> f = new HashMap<>();
        for (String line : stdout.split("\r?\n")) {
            if (!line.startsWith(MARK)) continue;
            f.clear(); // the last one counts
            for (String item : line.substring(MARK.length()).trim().split("\\s+")) {
                int eq = item.indexOf('=');
                if (eq > 0) f.put(item.substring(0, eq), item.substring(eq + 1));
            }
        }
        double connect = seconds(f.get("connect"));
        return new ProbeOutcome(exit, IpAddress.tryParse(f.getOrDefault("local_ip", "")), integer(f.get("local_port")),
                connect > 0 ? Optional.of(connect * 1000) : Optional.empty(), Math.max(0, seconds(f.get("total"))) * 1000,
                integer(f.get("http")), firstLine(stderr));
    }

    private static double seconds(String s) {
        try {
            return s == null ? 0 : Double.parseDouble(s.replace(',', '.')); // some locales print a comma
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int integer(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
