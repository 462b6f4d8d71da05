package ops.fuzz;

/** Jazzer target: the iptables-save parser (see Parsers). */
public class IptablesSaveFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("iptables-save", data);
    }
}
