package ops.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as two 64-bit halves, so that prefix arithmetic is cheap for
 * routing tables with 100k entries. IPv4 lives in the low 32 bits of {@code lo}.
 */
public record IpAddress(Family family, long hi, long lo) implements Comparable<IpAddress> {

    public enum Family {
        INET(32), INET6(128);
        public final int bits;
        Family(int bits) { this.bits = bits; }
    }

    public static IpAddress v4(long value) {
        return new IpAddress(Family.INET, 0, value & 0xFFFF_FFFFL);
    }

    /** Parses a literal address (no host names, no zone); empty when it is not one. */
    public static Optional<IpAddress> tryParse(String text) {
        if (text == null || text.isEmpty()) return Optional.empty();
        String s = text;
        int zone = s.indexOf('%');
        if (zone >= 0) s = s.substring(0, zone);
        if (s.indexOf(':') >= 0) return parseV6(s);
        return parseV4(s);
    }

    public static IpAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    }

    /** Dotted quad without regex or substrings: routing tables hand us 100k of these. */
    private static Optional<IpAddress> parseV4(String s) {
        long value = 0;
        int octets = 0, digits = 0, octet = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) return Optional.empty();
                octet = octet * 10 + (c - '0');
            } else if (c == '.') {
                if (digits == 0 || octet > 255 || ++octets > 4) return Optional.empty();
                value = (value << 8) | octet;
                digits = 0;
                octet = 0;
            } else {
                return Optional.empty();
            }
        }
        return octets == 4 ? Optional.of(v4(value)) : Optional.empty();
    }

    private static Optional<IpAddress> parseV6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return Optional.empty();
        }
        try {
            // A literal with only hex digits, ':' and '.' never triggers a DNS lookup.
            InetAddress a = InetAddress.getByName(s);
            byte[] b = a.getAddress();
            if (a instanceof Inet4Address) { // ::ffff:a.b.c.d is returned as IPv4 by Java
                byte[] m = new byte[16];
                m[10] = (byte) 0xff; m[11] = (byte) 0xff;
                System.arraycopy(b, 0, m, 12, 4);
                b = m;
            }
            if (!(a instanceof Inet6Address) && b.length != 16) return Optional.empty();
            long hi = 0, lo = 0;
            for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[i] & 0xff);
            for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[i] & 0xff);
            return Optional.of(new IpAddress(Family.INET6, hi, lo));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean isV4() { return family == Family.INET; }

    /** The address with only its first {@code len} bits kept. */
    public IpAddress masked(int len) {
        if (family == Family.INET) return v4(len == 0 ? 0 : lo & (0xFFFF_FFFFL << (32 - len)));
        long h = hi, l = lo;
        if (len <= 64) {
            h = len == 0 ? 0 : h & (-1L << (64 - len));
            l = 0;
        } else {
            l = len == 128 ? l : l & (-1L << (128 - len));
        }
        return new IpAddress(family, h, l);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = family.compareTo(o.family);
        if (c != 0) return c;
        c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (family == Family.INET) {
            return ((lo >> 24) & 0xff) + "." + ((lo >> 16) & 0xff) + "." + ((lo >> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
        for (int i = 0; i < 4; i++) g[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        int bestStart = -1, bestLen = 1; // RFC 5952: compress the longest run of two or more zero groups
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) { sb.append("::"); i += bestLen - 1; continue; }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
