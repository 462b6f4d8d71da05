package ops.fuzz;

/** Jazzer target: the inventory-toml parser (see Parsers). */
public class InventoryTomlFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("inventory-toml", data);
    }
}
