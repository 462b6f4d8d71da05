package ops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ops.json.Json;

/**
 * The tests' handle on tests/lab/lab: one lab at a time, brought up for a scenario and
 * reused until another scenario (or a test that changed it) asks for a fresh one.
 * Always torn down when the JVM ends.
 */
final class Lab {
    private Lab() {}

    private static String current;          // the scenario that is up and untouched, or null
    private static RuntimeException failed;  // why bringing `current` up failed
    private static boolean hooked;

    static Path repo() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("tests/lab/lab"))) return d;
        }
        throw new IllegalStateException("tests/lab/lab not found above " + p);
    }

    static Path script() { return repo().resolve("tests/lab/lab"); }

    static Path state() {
        String s = System.getenv("LAB_STATE");
        return Path.of(s != null ? s : "/var/lib/" + prefix());
    }

    /** What the lab's names start with ($LAB_PREFIX, as tests/lab/lib/common.sh reads it). */
    static String prefix() { return Optional.ofNullable(System.getenv("LAB_PREFIX")).orElse("opslab"); }

    /** The network namespace of a lab node ("client", "inet"...). */
    static String namespace(String node) { return prefix() + "-" + node; }

    static Path sshConfig() { return state().resolve("ssh/config"); }

    /** Why the lab cannot run here (not root, no namespaces, a tool missing), or empty. */
    static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) return Optional.of("the network lab needs root");
        Result r = run(30, script().toString(), "check");
        String why = (r.out + r.err).strip();
        return r.code == 0 ? Optional.empty() : Optional.of(why.isEmpty() ? "lab check failed" : why);
    }

    /** The lab for this scenario: reused when it is already up and untouched. */
    static synchronized void ensure(String scenario) {
        if (scenario.equals(current)) {
            if (failed != null) throw failed;
            return;
        }
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run(60, script().toString(), "down")));
            hooked = true;
        }
        current = scenario;
        failed = null;
        Result r = run(300, script().toString(), "up", scenario); // seconds quiet, minutes on a loaded machine
        if (r.code != 0) {
            failed = new IllegalStateException("lab up " + scenario + " failed (" + r.code + "): " + r.out + r.err);
            throw failed;
        }
    }

    /** After a test changed the lab, the next ensure() builds it again. */
    static synchronized void touched() { current = null; }

    /** Tears the lab down, when this JVM brought one up. */
    static synchronized void down() {
        if (!hooked) return;
        current = null;
        failed = null;
        run(60, script().toString(), "down");
    }

    /** A connection from the client (or the admin, for ssh) through an edge; see tests/lab/lib/probe.sh. */
    static JsonNode probe(String edge, String kind) {
        Result r = run(60, script().toString(), "probe", edge, kind);
        if (r.out.isBlank()) throw new IllegalStateException("lab probe " + edge + " " + kind + " printed nothing: " + r.err);
        return Json.parse("lab probe", r.out, "one JSON line");
    }

    /** A command over plain OpenSSH with the lab's ssh_config, as the toolkit's users would run it. */
    static String ssh(String host, String command) {
        Result r = run(60, "ssh", "-F", sshConfig().toString(), host, command);
        if (r.code != 0) throw new IllegalStateException("ssh " + host + " '" + command + "' exited " + r.code + ": " + r.err);
        return r.out;
    }

    /** Feeds stdin to a command on a lab host (pfSsh.php's exec protocol). */
    static String ssh(String host, String command, String stdin) {
        Result r = run(60, stdin, List.of("ssh", "-F", sshConfig().toString(), host, command));
        if (r.code != 0) throw new IllegalStateException("ssh " + host + " '" + command + "' exited " + r.code + ": " + r.err);
        return r.out;
    }

    /** Kills every SSH session of a node's sshd (fw, edge1..3); the listener stays, so new connections work. */
    static void killSessions(String node) {
        try {
            String listener = java.nio.file.Files.readString(state().resolve("pids/sshd-" + node)).strip();
            run(10, "pkill", "-KILL", "-P", listener);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String lab(String... args) {
        List<String> cmd = new ArrayList<>(List.of(script().toString()));
        cmd.addAll(List.of(args));
        Result r = run(120, null, cmd);
        if (r.code != 0) throw new IllegalStateException("lab " + String.join(" ", args) + " exited " + r.code + ": " + r.err);
        return r.out;
    }

    record Result(int code, String out, String err) {}

    static Result run(int timeoutSeconds, String... cmd) { return run(timeoutSeconds, null, List.of(cmd)); }

    static Result run(int timeoutSeconds, String stdin, List<String> cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo().toFile());
            if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (stdin != null) {
                try (var w = p.getOutputStream()) {
                    w.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, out.getNow(""), "timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
