package ops.badinput;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in a JVM of its own, as `jbang SCRIPT` would (same classes, its own
 * environment, System.exit's code), so what is checked is exactly what a user sees.
 */
final class ScriptProcess {
    private ScriptProcess() {}

    private static final Map<String, String> MAIN = Map.of("route-audit", "RouteAudit", "nat-toggle", "NatToggleCommand",
            "default-route", "DefaultRouteCommand", "source-ip-check", "SourceIpCheckCommand");

    static BadInputTableTest.Outcome run(Map<String, String> env, String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MAIN.get(script)));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null")).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("OPS_") || k.equals("XDG_STATE_HOME"));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within 60 s: " + err);
            }
            return new BadInputTableTest.Outcome(p.exitValue(), err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
