package ops.fuzz;

/** Jazzer target: the tcpdump line reader (see Parsers). */
public class TcpdumpFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("tcpdump", data);
    }
}
