package ops.fuzz;

/** Jazzer target: the gateway-status parser (see Parsers). */
public class GatewayStatusFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("gateway-status", data);
    }
}
