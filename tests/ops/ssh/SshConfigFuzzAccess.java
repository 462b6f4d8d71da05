package ops.ssh;

import java.nio.file.Path;
import java.util.List;

/** Test access to the package-private ssh_config reader, for the fuzzers. */
public final class SshConfigFuzzAccess {
    private SshConfigFuzzAccess() {}

    public static void resolve(String host, Path file) {
        SshConfigFile.resolve(host, List.of(file), file.getParent());
    }

    /** The Host names edge discovery lists from the same file. */
    public static List<String> hostAliases(Path file) {
        return SshConfigFile.hostAliases(List.of(file), file.getParent());
    }
}
