package ops.defaultgw;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ops.text.Shell;
import ops.pfsense.OutboundNatEdit;
import ops.pfsense.PhpSnippet;
import org.junit.jupiter.api.Test;

/**
 * Names from config.xml (gateways, descriptions) reach PHP and the shell on the firewall: real
 * `php` tokenizes every snippet built with hostile names, and real `sh` echoes a quoted word, and
 * each name must arrive as plain text, never as code, a variable or an interpolation.
 */
class PhpSnippetQuotingTest {
    static final List<String> HOSTILE = List.of("EDGE$x", "E{$y}", "E${phpinfo()}", "E'; system('id'); '", "E\"\\\"",
            "E\\", "E\\'", "E\nsystem('id');", "E`id`", "E$(id)", "E' . phpinfo() . '");

    /** PHP's own tokenizer: every token that contains the marker must be one plain single-quoted string. */
    private static List<String> tokensHolding(String php, String marker) throws Exception {
        assumeTrue(new ProcessBuilder("php", "-v").start().waitFor() == 0, "php-cli is not installed");
        String dump = """
                $src = stream_get_contents(STDIN);
                foreach (token_get_all($src) as $t) {
                    if (is_array($t) && strpos($t[1], 'MARK') !== false) { echo token_name($t[0]), "\\n"; }
                }
                """.replace("MARK", marker);
        Process p = new ProcessBuilder("php", "-r", dump).redirectErrorStream(true).start();
        p.getOutputStream().write(php.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.lines().toList();
    }

    private static void plainStringsOnly(String what, String php, String marker) throws Exception {
        List<String> kinds = tokensHolding(php, marker);
        assertFalse(kinds.isEmpty(), what + ": the name is in the snippet");
        for (String k : kinds) assertEquals("T_CONSTANT_ENCAPSED_STRING", k, what + ": " + php);
        Process lint = new ProcessBuilder("php", "-l").redirectErrorStream(true).start();
        lint.getOutputStream().write(php.getBytes(StandardCharsets.UTF_8));
        lint.getOutputStream().close();
        String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, lint.waitFor(), what + " does not parse: " + out + "\n" + php);
    }

    @Test
    void hostileGatewayNamesAndDescriptionsStayPlainTextInEveryPhpSnippet() throws Exception {
        for (String name : HOSTILE) {
            String marked = "ZQX" + name;
            plainStringsOnly("set", DefaultGatewayPhp.set("1700000000", marked, marked), "ZQX");
            plainStringsOnly("revert", DefaultGatewayPhp.revert(marked, marked, marked), "ZQX");
            plainStringsOnly("revision guard", PhpSnippet.HEADER + PhpSnippet.revisionGuard(marked), "ZQX");
            OutboundNatEdit edit = new OutboundNatEdit();
            edit.removeByDescription(marked);
            plainStringsOnly("outbound NAT", edit.php(marked, marked), "ZQX");
        }
    }

    @Test
    void literalRoundTripsThroughRealPhp() throws Exception {
        assumeTrue(new ProcessBuilder("php", "-v").start().waitFor() == 0, "php-cli is not installed");
        for (String name : HOSTILE) {
            Process p = new ProcessBuilder("php", "-r", "echo " + PhpSnippet.literal(name) + ";").redirectErrorStream(true).start();
            assertEquals(name, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    void shellQuotingRoundTripsThroughRealSh() throws IOException, InterruptedException {
        for (String name : HOSTILE) {
            Process p = new ProcessBuilder("sh", "-c", "printf %s " + Shell.quote(name)).redirectErrorStream(true).start();
            assertEquals(name, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, p.waitFor());
        }
    }
}
