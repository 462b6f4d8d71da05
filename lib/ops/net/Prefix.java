package ops.net;

import java.util.Optional;

/** A CIDR prefix such as 10.8.1.0/24 or 2001:db8::/32; a host is a full-length prefix. */
public record Prefix(IpAddress network, int length) implements Comparable<Prefix> {

    public Prefix {
        if (length < 0 || length > network.family().bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + network);
        }
        network = network.masked(length);
    }

    public static Prefix host(IpAddress a) { return new Prefix(a, a.family().bits); }

    public static final Prefix ANY_V4 = new Prefix(IpAddress.v4(0), 0);

    /** "a.b.c.d/len", "a.b.c.d" (host) or IPv6 forms; empty when not a prefix. */
    public static Optional<Prefix> tryParse(String text) {
        if (text == null) return Optional.empty();
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        Optional<IpAddress> a = IpAddress.tryParse(addr);
        if (a.isEmpty()) return Optional.empty();
        int len = a.get().family().bits;
        if (slash >= 0) {
            String l = text.substring(slash + 1);
            if (l.isEmpty() || l.length() > 3) return Optional.empty();
            for (int i = 0; i < l.length(); i++) if (l.charAt(i) < '0' || l.charAt(i) > '9') return Optional.empty();
            len = Integer.parseInt(l);
            if (len > a.get().family().bits) return Optional.empty();
        }
        return Optional.of(new Prefix(a.get(), len));
    }

    public static Prefix parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a prefix: " + text));
    }

    public IpAddress.Family family() { return network.family(); }

    public boolean contains(IpAddress a) {
        return a.family() == network.family() && a.masked(length).equals(network);
    }

    public boolean contains(Prefix p) {
        return p.length >= length && contains(p.network);
    }

    public boolean isHost() { return length == network.family().bits; }

    /** First and last IPv4 address as unsigned 32-bit values (IPv4 only). */
    public long firstV4() { return network.lo(); }

    public long lastV4() { return network.lo() + (1L << (32 - length)) - 1; }

    @Override
    public int compareTo(Prefix o) {
        int c = network.compareTo(o.network);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() { return network + "/" + length; }
}
