package ops.probe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ops.net.IpAddress;

/**
 * Reads tcpdump's one-line IPv4 TCP summaries (`-nn`, with or without `-tt`), the same on
 * FreeBSD and Linux:
 * {@code 1795692156.012695 IP 10.8.1.1.61001 > 10.8.1.2.80: Flags [S], seq 2249515140, win 64240, ...}.
 * Linux's `-i any` prefix ({@code ovpnc1 Out IP ...}) is accepted too. Every other line (IPv6,
 * ICMP, ARP, a truncated packet, a continuation of -v) is kept aside as skipped, never guessed at.
 */
public final class TcpdumpReader {
    private TcpdumpReader() {}

    /** The packets of one capture and the lines that were not IPv4 TCP summaries. */
    public record Read(List<Packet> packets, List<String> skipped) {}

    private static final Pattern LINE = Pattern.compile(
            "^(?<time>\\d+\\.\\d+|\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d+)?)\\s+"
                    + "(?:(?<iface>\\S+)\\s+(?:In|Out|M|P|B|\\?)\\s+)?"
                    + "IP\\s+(?<src>\\d{1,3}(?:\\.\\d{1,3}){3})\\.(?<sport>\\d{1,5})\\s+>\\s+"
                    + "(?<dst>\\d{1,3}(?:\\.\\d{1,3}){3})\\.(?<dport>\\d{1,5}):\\s+Flags\\s+\\[(?<flags>[^\\]]*)\\]");
    private static final Pattern DROPPED = Pattern.compile("^(\\d+) packets? dropped by kernel");

    /** @param device the interface this capture ran on (a line's own `-i any` prefix wins) */
    public static Read read(String device, String text) {
        List<Packet> packets = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) continue;
            Matcher m = LINE.matcher(line.strip());
            Optional<IpAddress> src = m.find() ? IpAddress.tryParse(m.group("src")) : Optional.empty();
            Optional<IpAddress> dst = src.isPresent() ? IpAddress.tryParse(m.group("dst")) : Optional.empty();
            int sport = dst.isPresent() ? port(m.group("sport")) : -1;
            int dport = dst.isPresent() ? port(m.group("dport")) : -1;
            if (sport < 0 || dport < 0) {
                skipped.add(line);
                continue;
            }
            String iface = m.group("iface") != null ? m.group("iface") : device;
            packets.add(new Packet(iface, micros(m.group("time")), src.get(), sport, dst.get(), dport, m.group("flags")));
        }
        return new Read(List.copyOf(packets), List.copyOf(skipped));
    }

    /** "N packets dropped by kernel" from tcpdump's closing statistics (stderr); empty when it printed none. */
    public static Optional<Long> droppedByKernel(String stderr) {
        for (String line : stderr.split("\r?\n")) {
            Matcher m = DROPPED.matcher(line.strip());
            if (m.find()) return Optional.of(Long.parseLong(m.group(1)));
        }
        return Optional.empty();
    }

    private static int port(String s) {
        int p = Integer.parseInt(s);
        return p <= 65535 ? p : -1;
    }

    private static long micros(String time) {
        if (time.indexOf(':') < 0) return new BigDecimal(time).movePointRight(6).longValue();
        String[] hms = time.split(":");
        BigDecimal seconds = new BigDecimal(hms[2]).add(BigDecimal.valueOf(Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60));
        return seconds.movePointRight(6).longValue();
    }
}
