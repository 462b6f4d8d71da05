package ops.fuzz;

/** Jazzer target: the ssh-config parser (see Parsers). */
public class SshConfigFuzzer {
    public static void fuzzerTestOneInput(byte[] data) {
        Parsers.check("ssh-config", data);
    }
}
