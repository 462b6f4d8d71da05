package ops.pfsense;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import ops.ssh.SshSettings;
import org.junit.jupiter.api.Test;

/** The snippets run as the scripts run them, `php -q` reading the program from stdin (where PHP defines no STDERR). */
class PhpSnippetTest {
    @Test
    void aChangedRevisionExitsWithItsCodeAndOneLine() throws Exception {
        assumeTrue(SshSettings.findOnPath("php").isPresent(), "php-cli not installed (tests/run installs it)");
        String php = "<?php\nfunction config_get_path($p, $d) { return '1764140001'; }\n" + PhpSnippet.revisionGuard("1764140000")
                + "echo \"applied\\n\";\n";
        Process p = new ProcessBuilder(PhpSnippet.COMMAND.split(" ")).start();
        p.getOutputStream().write(php.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = read(p.getInputStream()), err = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS)); // only bounds a hang
        assertEquals(PhpSnippet.REVISION_CHANGED, p.exitValue(), err);
        assertEquals("", out);
        assertEquals("config.xml changed since the plan (revision 1764140001, expected 1764140000)\n", err);
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
