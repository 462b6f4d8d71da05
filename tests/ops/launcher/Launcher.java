package ops.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ops.support.Repo;

/**
 * Runs `./jbang SCRIPT ...` of a checkout (this one or a copy) as cron would: no terminal, no locale, its own
 * JBang cache (JBANG_DIR) and launch cache, sharing only the downloaded jbang-cli jar and ~/.m2.
 */
final class Launcher {
    final Path checkout;
    final Path jbangDir;
    final Path opsCache;
    final Map<String, String> env = new java.util.HashMap<>();

    Launcher(Path checkout, Path temp) throws IOException {
        this.checkout = checkout;
        this.jbangDir = Files.createDirectories(temp.resolve("jbang"));
        this.opsCache = Files.createDirectories(temp.resolve("ops-cache"));
        Path cli = Path.of(System.getenv().getOrDefault("OPS_JBANG_CACHE",
                System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/ops-toolkit"))
                .resolve("jbang-cli-0.132.1-all.jar");
        if (Files.exists(cli)) Files.createSymbolicLink(opsCache.resolve(cli.getFileName()), cli);  // no second download
        env.put("JBANG_DIR", jbangDir.toString());
        env.put("OPS_JBANG_CACHE", opsCache.toString());
        env.put("OPS_JBANG_BOOTSTRAP", "1");   // our launcher, even where a jbang is on PATH
    }

    static Launcher ofRepo(Path temp) throws IOException {
        return new Launcher(Repo.root(), temp);
    }

    /** A copy of what the scripts are built from, to break it without touching the checkout. */
    static Launcher ofCopy(Path temp) throws IOException {
        Path copy = Files.createDirectories(temp.resolve("checkout"));
        for (String f : List.of("jbang", "jbang-catalog.json", "scripts", "lib", "examples")) copyTree(Repo.path(f), copy.resolve(f));
        return new Launcher(copy, temp);
    }

    /**
     * Puts "a real JBang" on this launcher's PATH (the README's `jbang route-audit@ops` users):
     * JBang's launcher protocol without any of ./jbang's additions, that is ./jbang in its plain
     * mode. The checkout's ./jbang then hands its runs to it.
     */
    Launcher withJbangOnPath(Path temp) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path jbang = bin.resolve("jbang");
        Files.writeString(jbang, "#!/bin/sh\nOPS_JBANG_BOOTSTRAP=1 OPS_JBANG_NO_LAUNCH_CACHE=1 exec "
                + checkout.resolve("jbang") + " \"$@\"\n");
        jbang.toFile().setExecutable(true);
        env.remove("OPS_JBANG_BOOTSTRAP");
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        return this;
    }

    Process start(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(checkout.resolve("jbang").toString(), "scripts/" + script + ".java"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(checkout.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // as cron starts it: no locale (JDK 17 then reads and writes US-ASCII by default)
        pb.environment().keySet().removeIf(k -> k.startsWith("OPS_") || k.startsWith("JBANG_") || k.equals("LANG") || k.startsWith("LC_"));
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String out, String err) {}

    /** Waits (cold builds on a busy machine are slow: 10 minutes) and collects what it printed. */
    static Result finish(Process p) {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("./jbang did not finish within 10 minutes");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result run(String script, String... args) {
        return finish(start(script, args));
    }

    /** The script's cache entry in this JBang cache (its jar's folder). */
    Path entry(String script) throws IOException {
        try (var s = Files.list(jbangDir.resolve("cache/jars"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(script + ".java.")).findFirst().orElseThrow();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
