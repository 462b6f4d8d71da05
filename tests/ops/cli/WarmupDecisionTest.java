package ops.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The warm-up is decided on the parsed command line: only a run that reads hosts, never for --help or --version. */
class WarmupDecisionTest {
    @Command(name = "audit")
    static class Audit {
        @Mixin CommonOptions common;
        @Mixin Target.Firewalls target;
        @Option(names = "--snapshot") Path snapshot;
    }

    @Command(name = "toggle")
    static class Toggle {
        @Mixin CommonOptions common;
        @Mixin Target.Firewall target;
        @Parameters(index = "1") String gateway;

        @Command(name = "off")
        int off() {
            return 0;
        }
    }

    @Command(name = "plain")
    static class Plain {
        @Mixin CommonOptions common;
        @Option(names = "--snapshot") Path snapshot;
    }

    private static boolean live(Object command, String... args) {
        return Cli.goesLive(Cli.commandLine(command).parseArgs(args));
    }

    @Test
    void aNamedFirewallOrTheWholeInventoryGoesLive() {
        assertTrue(live(new Audit(), "fw1"));
        assertTrue(live(new Audit(), "fw1", "fw2", "--edge", "EDGE1_VPNV4=edge1"));
        assertTrue(live(new Audit(), "--all"));
        assertTrue(live(new Toggle(), "fw1", "G", "off"));
        assertTrue(live(new Toggle(), "--inventory", "ops.toml", "fw1", "G", "off", "--edge", "G=edge"));
    }

    @Test
    void aSnapshotHelpVersionOrNoTargetStaysOffline() {
        assertFalse(live(new Audit(), "--snapshot", "examples/double-nat"));
        assertFalse(live(new Audit()));
        assertFalse(live(new Audit(), "fw1", "--help"));
        assertFalse(live(new Audit(), "-V", "fw1"));
        assertFalse(live(new Toggle(), "fw1", "G", "off", "--help"));
        assertFalse(live(new Toggle(), "--help"));
        assertFalse(live(new Plain(), "--snapshot", "x"));
    }
}
