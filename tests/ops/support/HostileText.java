package ops.support;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Names from config.xml, the inventory or a change record with everything that could turn text
 * into code (quotes, $, {, backslashes, newlines, backticks), each marked so it can be found, and
 * the checks that they reach real `php` and real `sh` as plain text.
 */
public final class HostileText {
    private HostileText() {}

    public static final String MARK = "ZQX";

    public static final List<String> NAMES = List.of("EDGE$x", "E{$y}", "E${phpinfo()}", "E'; system('id'); '", "E\"\\\"",
            "E\\", "E\\'", "E\nsystem('id');", "E`id`", "E$(id)", "E' . phpinfo() . '");

    /** Each hostile name with {@link #MARK} in front. */
    public static List<String> marked() {
        return NAMES.stream().map(n -> MARK + n).toList();
    }

    /** PHP's own tokenizer: every token holding the mark is one plain single-quoted string, and the snippet parses. */
    public static void assertPlainPhp(String what, String php) throws Exception {
        assumeTrue(new ProcessBuilder("php", "-v").start().waitFor() == 0, "php-cli is not installed");
        String dump = """
                $src = stream_get_contents(STDIN);
                foreach (token_get_all($src) as $t) {
                    if (is_array($t) && strpos($t[1], 'MARK') !== false) { echo token_name($t[0]), "\\n"; }
                }
                """.replace("MARK", MARK);
        List<String> kinds = run(List.of("php", "-r", dump), php, null).lines().toList();
        assertFalse(kinds.isEmpty(), what + ": the name is in the snippet");
        for (String k : kinds) assertEquals("T_CONSTANT_ENCAPSED_STRING", k, what + ": " + php);
        Process lint = new ProcessBuilder("php", "-l").redirectErrorStream(true).start();
        lint.getOutputStream().write(php.getBytes(StandardCharsets.UTF_8));
        lint.getOutputStream().close();
        String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, lint.waitFor(), what + " does not parse: " + out + "\n" + php);
    }

    /**
     * Runs {@code line} with real sh as a root login would, every program it starts replaced by a
     * stub that records its arguments (setsid, daemon and nohup just run the rest of their line with
     * real sh, whose programs are recorded in turn), and
     * checks that {@code hostile} arrives whole: in some argument, and in every argument or file
     * name that holds the mark. Paths under {@code dir} are where the line writes.
     */
    public static void assertPlainSh(String what, String line, String stdin, String hostile, Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path trace = dir.resolve("trace");
        for (String p : List.of("id", "rm", "mkdir", "cat", "touch", "setsid", "daemon", "nohup", "php", "sleep", "cp", "mv",
                "netfilter-persistent", "iptables-save", "nft", "sudo")) {
            Path stub = bin.resolve(p);
            Files.writeString(stub, """
                    #!/bin/sh
                    p=${0##*/}
                    case $p in
                      setsid|daemon) shift; exec "$@" ;;
                      nohup) exec "$@" ;;
                    esac
                    { printf '%s' "$p"; for a in "$@"; do printf '\\036%s' "$a"; done; printf '\\035'; } >> "$OPS_TRACE"
                    [ "$p" = id ] && echo 0
                    exit 0
                    """);
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.deleteIfExists(trace);
        run(List.of("/bin/sh", "-c", line), stdin, List.of("PATH=" + bin + ":/usr/bin:/bin", "OPS_TRACE=" + trace));
        List<String> words = new ArrayList<>();
        if (Files.exists(trace)) {
            for (String call : Files.readString(trace).split("\035")) words.addAll(Arrays.asList(call.split("\036")));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.map(f -> f.getFileName().toString()).forEach(words::add);
        }
        assertTrue(words.stream().anyMatch(w -> w.contains(hostile)), what + ": the name arrives whole in no word: " + words);
        for (String w : words) {
            if (w.contains(MARK)) assertTrue(w.contains(hostile), what + ": a word holds part of the name only: " + w);
        }
    }

    private static String run(List<String> argv, String stdin, List<String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        if (env != null) {
            for (String e : env) pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running: " + argv); // only bounds a hang
        return out;
    }
}
