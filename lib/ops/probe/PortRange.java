package ops.probe;

/** Source ports first..last (inclusive): a probe's own, so that the capture can tell it from any other traffic. */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 1 || last > 65535 || first > last) throw new IllegalArgumentException("bad port range " + first + "-" + last);
    }

    public boolean contains(int port) { return port >= first && port <= last; }

    @Override
    public String toString() { return first == last ? String.valueOf(first) : first + "-" + last; }
}
