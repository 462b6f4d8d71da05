package ops.fuzz;

/** Jazzer target: the routers parser (see Parsers). */
public class RoutersFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("routers", data);
    }
}
