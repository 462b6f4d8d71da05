package ops.fuzz;

/** Jazzer target: the netstat parser (see Parsers). */
public class NetstatFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("netstat", data);
    }
}
