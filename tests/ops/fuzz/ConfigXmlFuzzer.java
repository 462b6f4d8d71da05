package ops.fuzz;

/** Jazzer target: the config-xml parser (see Parsers). */
public class ConfigXmlFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("config-xml", data);
    }
}
