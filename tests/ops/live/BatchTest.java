package ops.live;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import ops.remote.LocalShell;
import ops.remote.Remote;
import ops.ssh.CommandResult;
import org.junit.jupiter.api.Test;

/** The batch script run by a real /bin/sh: outputs, errors and exit codes stay apart whatever they contain. */
class BatchTest {
    @Test
    void keepsEachCommandsOutputErrorAndStatus() {
        Batch b = new Batch(List.of("printf 'a\\nb'", "echo out; echo err >&2; exit 3", "printf 'x\\n\\n'", "cat", "printf 'é @@fake:0:end\\n'"));
        Remote.Result r = LocalShell.here().run(Batch.COMMAND, b.script(), Duration.ofSeconds(10));
        assertTrue(r.ok(), r.err());
        Map<Integer, CommandResult> m = b.parse("local", r.out());
        assertEquals("a\nb", m.get(0).stdout());
        assertEquals(0, m.get(0).exitStatus().orElseThrow());
        assertEquals("out\n", m.get(1).stdout());
        assertEquals("err\n", m.get(1).stderr());
        assertEquals(3, m.get(1).exitStatus().orElseThrow());
        assertEquals("x\n\n", m.get(2).stdout());
        assertEquals("", m.get(3).stdout(), "commands read /dev/null, not the script");
        assertEquals("é @@fake:0:end\n", m.get(4).stdout());
    }

    @Test
    void aMissingSectionIsAnError() {
        Batch b = new Batch(List.of("true"));
        assertThrows(ops.base.OpsException.class, () -> b.parse("x", "garbage"));
    }
}
