package ops.lab;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ops.change.StateDir;
import ops.cli.Confirm;
import ops.live.LiveNetwork;
import ops.ssh.SshSettings;

/** The lab as the change scripts reach it: LiveNetwork over the lab's ssh_config, a private state folder. */
final class LabNetwork {
    private LabNetwork() {}

    static final String[] EDGE_ARGS = {"--edge", "EDGE1_VPNV4=edge1", "--edge", "EDGE2_VPNV4=edge2", "--edge", "EDGE3_VPNV4=edge3"};

    static Map<String, String> edges() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int n = 1; n <= 3; n++) m.put("EDGE" + n + "_VPNV4", "edge" + n);
        return m;
    }

    static LiveNetwork open(String firewall, Map<String, String> edges) {
        return new LiveNetwork(firewall, edges, Optional.empty(), SshSettings.defaults().withConfigFile(Lab.sshConfig()), w -> { });
    }

    static LiveNetwork open() {
        return open("fw", edges());
    }

    static StateDir freshState() {
        try {
            return new StateDir(Files.createTempDirectory("ops-state-test").resolve("ops"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Collects what a change script prints. */
    static final class Output {
        final StringWriter text = new StringWriter();
        final PrintWriter writer = new PrintWriter(text, true);

        @Override
        public String toString() { return text.toString(); }
    }

    static Confirm yes() { return q -> true; }
}
