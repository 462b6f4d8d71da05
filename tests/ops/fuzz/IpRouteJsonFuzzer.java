package ops.fuzz;

/** Jazzer target: the ip-route-json parser (see Parsers). */
public class IpRouteJsonFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("ip-route-json", data);
    }
}
