package ops.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in a JVM of its own, as `jbang SCRIPT` would (same classes, its own
 * environment, System.exit's code), so what is checked is exactly what a user sees.
 */
public final class ScriptProcess {
    private ScriptProcess() {}

    public record Result(int exit, String out, String err) {}

    private static final Map<String, String> MAIN = Map.of("route-audit", "RouteAudit", "nat-toggle", "NatToggleCommand",
            "default-route", "DefaultRouteCommand", "source-ip-check", "SourceIpCheckCommand", "real-ip", "RealIpCommand");

    /**
     * Starts {@code script} with this environment minus OPS_*, XDG_STATE_HOME and SSH_AUTH_SOCK (the
     * runner's own agent would offer its keys first, as ssh would), plus {@code env}.
     */
    public static Process start(Map<String, String> env, String script, String... args) {
        List<String> cmd = ScriptJvm.command(MAIN.get(script), List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).directory(Repo.root().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OPS_") || k.equals("XDG_STATE_HOME") || k.equals("SSH_AUTH_SOCK"));
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a started script (at most 300 s) and collects what it printed. */
    public static Result finish(Process p) {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) { // only bounds a hang: a loaded machine may take minutes
                p.destroyForcibly();
                throw new IllegalStateException("a script did not finish within 300 s: " + err.getNow(""));
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(Map<String, String> env, String script, String... args) {
        return finish(start(env, script, args));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
