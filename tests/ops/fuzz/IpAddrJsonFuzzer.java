package ops.fuzz;

/** Jazzer target: the ip-addr-json parser (see Parsers). */
public class IpAddrJsonFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("ip-addr-json", data);
    }
}
