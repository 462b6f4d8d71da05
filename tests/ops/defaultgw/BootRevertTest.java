package ops.defaultgw;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revert's shell as real sh runs it (dash here; only POSIX sh is used), its folders moved
 * under a temporary one and php a stub that records its input and answers with a chosen exit:
 * the boot hook acts on "start" only and only without this boot's mark, claims the token once,
 * reports and cleans up; keep, confirm and disarm leave nothing behind.
 */
class BootRevertTest {
    static final String ID = "20261129-210000";
    static final String SNIPPET = "<?php /* the revert */";

    @TempDir
    Path dir;
    private Path bin;

    @BeforeEach
    void stubPhp() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        Path php = bin.resolve("php");
        Files.writeString(php, "#!/bin/sh\ncat > \"$OPS_DIR/php-got\"\necho 'php said this'\nexit \"${PHP_EXIT:-0}\"\n");
        Files.setPosixFilePermissions(php, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theHookRevertsAtBootOnceAndLeavesOnlyItsReport() throws Exception {
        keep();
        Files.createDirectories(moved("/tmp/ops-default-route.lock"));
        Path hook = moved(BootRevert.hook(ID));
        assertTrue(Files.isExecutable(hook), "rc.start_packages runs it as FILE start");

        sh(0, hook + " stop");
        sh(0, hook + " start"); // this boot's mark is there: a package reload, not a boot
        assertTrue(Files.exists(hook) && !Files.exists(moved(BootRevert.report(ID))), "nothing done while the timer's boot lasts");

        Files.delete(moved(BootRevert.armedMark(ID))); // a reboot empties /var/run
        sh(0, hook + " start");
        assertEquals(SNIPPET, Files.readString(dir.resolve("php-got")), "the snippet went to php");
        String report = Files.readString(moved(BootRevert.report(ID)));
        assertTrue(report.matches("change " + ID + " was not confirmed before a reboot: reverted to EDGE1_VPNV4 at boot, "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\nphp said this\n"), report);
        assertFalse(Files.exists(hook) || Files.exists(moved(BootRevert.snippet(ID))) || Files.exists(moved("/tmp/ops-default-route.lock")),
                "hook, snippet and lock gone: a second boot finds nothing to run");
    }

    @Test
    void aRevertTheConfigNoLongerMatchesIsReportedAsNotReverted() throws Exception {
        keep();
        Files.delete(moved(BootRevert.armedMark(ID)));
        sh(75, moved(BootRevert.hook(ID)) + " start");
        assertTrue(Files.readString(moved(BootRevert.report(ID))).startsWith("change " + ID + " was not confirmed before a reboot: not reverted at boot, "));
    }

    @Test
    void confirmTakesTheTokenAndLeavesNothing() throws Exception {
        keep();
        assertEquals("confirmed\n", sh(0, RevertTimer.confirm(ID)));
        assertEquals(List.of(), leftovers());
        assertEquals("gone\n", sh(0, RevertTimer.confirm(ID)), "confirmed once");
    }

    @Test
    void confirmAfterABootRevertTellsItOnceAndTakesTheReport() throws Exception {
        keep();
        Files.delete(moved(BootRevert.armedMark(ID)));
        sh(0, moved(BootRevert.hook(ID)) + " start");
        String said = sh(0, RevertTimer.confirm(ID));
        assertTrue(said.startsWith("change " + ID + " was not confirmed before a reboot: reverted to EDGE1_VPNV4") && said.endsWith("gone\n"), said);
        assertEquals(List.of(), leftovers());
    }

    @Test
    void disarmRemovesEverythingAndSaysWhatTheBootDid() throws Exception {
        keep();
        assertEquals("", sh(0, new Disarm(null, ID).command().text()));
        assertEquals(List.of(), leftovers());

        keep();
        Files.delete(moved(BootRevert.armedMark(ID)));
        sh(0, moved(BootRevert.hook(ID)) + " start");
        String said = sh(0, new Disarm(null, ID).command().text());
        assertTrue(said.matches("change " + ID + " was not confirmed before a reboot: reverted to EDGE1_VPNV4 at boot, [^\n]*\n"), said);
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aNewChangeTellsAndTakesAnEarlierBootsReport() throws Exception {
        keep();
        Files.delete(moved(BootRevert.armedMark(ID)));
        sh(0, moved(BootRevert.hook(ID)) + " start");
        String said = sh(0, "printf %s x | " + cmd(BootRevert.keep("20261129-220000", "EDGE1_VPNV4", "/tmp/ops-default-route.lock")));
        assertTrue(said.startsWith("change " + ID + " was not confirmed"), said);
        assertFalse(Files.exists(moved(BootRevert.report(ID))));
    }

    /** What keep leaves in the persistent folders, the boot hooks and /var/run (the test's own bin aside). */
    private List<String> leftovers() throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> !p.startsWith(bin) && !p.equals(dir) && !p.getFileName().toString().equals("php-got"))
                    .filter(p -> !Files.isDirectory(p) || p.toString().contains("ops-default-route"))
                    .map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private void keep() throws Exception {
        sh(0, "printf %s " + ops.text.Shell.quote(SNIPPET) + " | " + cmd(BootRevert.keep(ID, "EDGE1_VPNV4", "/tmp/ops-default-route.lock")));
    }

    /** A script as the step runs it: sh -c, the firewall's folders moved under the test's. */
    private String cmd(String script) {
        return "sh -c " + ops.text.Shell.quote(move(script));
    }

    private String move(String s) {
        for (String d : List.of(BootRevert.DIR, BootRevert.RC_D, BootRevert.RUN, "/tmp/ops-default-route")) {
            s = s.replace(d, moved(d).toString());
        }
        return s;
    }

    private Path moved(String path) {
        for (String d : List.of(BootRevert.DIR, BootRevert.RC_D, BootRevert.RUN, "/tmp/ops-default-route")) {
            if (path.startsWith(d)) return dir.resolve(d.substring(1).replace('/', '-') + path.substring(d.length()));
        }
        throw new IllegalArgumentException(path);
    }

    /** Runs a line with real sh; the hook file it names was written with the moved paths already. */
    private String sh(int phpExit, String line) throws Exception {
        for (String d : List.of(BootRevert.RC_D, BootRevert.RUN)) Files.createDirectories(moved(d));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", move(line)).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("OPS_DIR", dir.toString());
        pb.environment().put("PHP_EXIT", Integer.toString(phpExit));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + line); // only bounds a hang
        assertEquals(0, p.exitValue(), line + ": " + out);
        return out;
    }
}
