package runner;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import ops.support.ScriptJvm;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The whole run: discovers the tests, cuts them into {@link Job}s and runs those in JVMs of their
 * own, {@code --jobs} at a time, each JVM in its own {@link LabSlot}. A job's lines are printed
 * together when it ends; failures are repeated at the end, before the one summary line CI reads.
 */
public final class Suite {
    /** A job that runs longer than this is stuck: it is killed and counted as a failure. */
    static final long JOB_DEADLINE_MINUTES = 40;

    private final Options options;
    private final PrintStream out;
    private final List<Process> running = new ArrayList<>();
    private long passed, failed, skipped;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Double> classSeconds = new java.util.TreeMap<>();
    /** This run's own folder (the class archive), and the archive, null if none could be made. */
    private Path runDir, archive;

    public Suite(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public int run() throws Exception {
        TestPlan plan = LauncherFactory.create().discover(Discovery.suite(options));
        if (!plan.containsTests()) {
            out.println("0 passed, 0 failed, 0 skipped");
            System.err.println("run-tests: no tests found" + (options.asked().isEmpty() ? "" : " for " + options.asked()));
            return 2;
        }
        List<Job> jobs = Job.plan(plan, Durations.read(Durations.FILE), options.jobs());
        int slots = Math.min(options.jobs(), jobs.size());
        out.println("tests/run: " + jobs.size() + " test JVMs, " + slots + " at once (--jobs N or OPS_TEST_JOBS to change)");
        long start = System.nanoTime();
        // traversable like the jobs' folders: script JVMs of the throwaway non-root test users map the archive too
        runDir = Files.createTempDirectory("ops-tests-run", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
        archive = ClassArchive.make(runDir);
        if (archive != null) {
            out.printf("tests/run: class archive for the test and script JVMs made in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        }
        Queue<Job> queue = new ConcurrentLinkedQueue<>(jobs);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            LabSlot slot = LabSlot.of(i, System.getenv());
            Thread t = new Thread(() -> {
                for (Job job; (job = queue.poll()) != null; ) runJob(job, slot);
            }, "slot-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        if (!failures.isEmpty()) {
            out.println("\nFailures:");
            for (String f : failures) out.println("- " + f);
        }
        out.printf("tests/run: %d s in all%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        if (options.recordDurations()) {
            // merged: a run narrowed by --only or class filters keeps what it did not measure
            Map<String, Double> merged = new java.util.TreeMap<>(Durations.read(Durations.FILE).seconds());
            merged.putAll(classSeconds);
            Durations.write(Durations.FILE, merged);
            out.println("tests/run: wrote " + classSeconds.size() + " class durations to " + Durations.FILE);
        }
        deleteQuietly(runDir);
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed > 0 ? 1 : 0;
    }

    private void runJob(Job job, LabSlot slot) {
        long start = System.nanoTime();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ops-tests-job");
            // traversable, so the throwaway non-root test users reach the sshd folders a test makes below it
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Path tmp = Files.createDirectory(dir.resolve("tmp"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            Path log = dir.resolve("out.txt"), report = dir.resolve("report");
            Process p = start(job, slot, tmp, log, report);
            boolean done = p.waitFor(JOB_DEADLINE_MINUTES, TimeUnit.MINUTES);
            if (!done) p.destroyForcibly().waitFor();
            synchronized (running) {
                running.remove(p);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            Worker.Report r = done && Files.exists(report) ? Worker.Report.read(report) : null;
            synchronized (this) {
                out.println("== " + job.name() + " (" + seconds + " s" + (r == null ? "" : ", " + r.cpuSeconds() + " s of CPU") + ", lab " + slot.prefix() + ")");
                out.print(Files.readString(log));
                if (r == null) {
                    String why = done ? "its JVM exited " + p.exitValue() + " before it reported" : "still running after " + JOB_DEADLINE_MINUTES + " min: killed";
                    out.println("FAIL " + job.name() + ": " + why);
                    failed++;
                    failures.add(job.name() + "\n  " + why + " (its output is above)");
                } else {
                    passed += r.passed();
                    failed += r.failed();
                    skipped += r.skipped();
                    failures.addAll(r.failures());
                    classSeconds.putAll(r.classSeconds());
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            synchronized (this) {
                failed++;
                failures.add(job.name() + "\n  could not run its JVM: " + e);
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The job's JVM; its java.io.tmpdir is the job's own folder, removed after it, so no test's leftovers pile up in /tmp. */
    private Process start(Job job, LabSlot slot, Path tmp, Path log, Path report) throws IOException {
        // C1 only: a test JVM lives minutes and mostly waits on other processes; C2's compiling cost more CPU than it saved
        List<String> cmd = new ArrayList<>(List.of(ClassArchive.javaBin(), "-XX:TieredStopAtLevel=1"));
        if (archive != null) cmd.addAll(ScriptJvm.archiveOptions(archive));
        cmd.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), "RunTests", "--worker", "--report", report.toString()));
        for (String c : job.classes()) cmd.addAll(List.of("--class", c));
        for (String o : options.only()) cmd.addAll(List.of("--only", o));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.putAll(slot.env());
        // named even when the training failed: ClassArchiveTest then says so
        env.put(ScriptJvm.ARCHIVE_ENV, ClassArchive.path(runDir).toString());
        synchronized (running) {
            Process p = pb.start();
            running.add(p);
            return p;
        }
    }

    /** On Ctrl-C: each worker ends as it would on its own (its shutdown hook takes its lab down). */
    private void stopAll() {
        List<Process> left;
        synchronized (running) {
            left = new ArrayList<>(running);
        }
        for (Process p : left) p.destroy();
        for (Process p : left) {
            try {
                p.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
        deleteQuietly(runDir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
