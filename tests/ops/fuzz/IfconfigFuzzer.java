package ops.fuzz;

/** Jazzer target: the ifconfig parser (see Parsers). */
public class IfconfigFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("ifconfig", data);
    }
}
