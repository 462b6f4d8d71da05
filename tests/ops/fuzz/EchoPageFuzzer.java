package ops.fuzz;

/** Jazzer target: the IP-echo page reader (see Parsers). */
public class EchoPageFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("echo-page", data);
    }
}
