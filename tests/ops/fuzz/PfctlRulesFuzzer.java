package ops.fuzz;

/** Jazzer target: the pfctl-rules parser (see Parsers). */
public class PfctlRulesFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("pfctl-rules", data);
    }
}
