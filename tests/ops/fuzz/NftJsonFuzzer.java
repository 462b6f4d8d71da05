package ops.fuzz;

/** Jazzer target: the nft-json parser (see Parsers). */
public class NftJsonFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("nft-json", data);
    }
}
