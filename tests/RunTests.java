///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// javac stops at C1: a one-shot compile of this many sources costs about half the CPU
//COMPILE_OPTIONS -J-XX:TieredStopAtLevel=1 -encoding UTF-8
//SOURCES TestDeps.java
//SOURCES ../lib/OpsLibDep.java
//SOURCES ../scripts/route-audit.java
//SOURCES ../scripts/nat-toggle.java
//SOURCES ../scripts/default-route.java
//SOURCES ../scripts/source-ip-check.java
//SOURCES ../scripts/real-ip.java
//SOURCES ops/**.java
//SOURCES scripts/**.java
//SOURCES runner/*.java
//MAIN RunTests
//DESCRIPTION Runs every JUnit test of the toolkit, several JVMs at once, and ends with "N passed, N failed, N skipped". Args: class-name filters (regex); --only PATTERN (class or test name); --jobs N; --record-durations.

/**
 * The one test command: runs the tests of this build in test JVMs of their own, several at once
 * (runner.Suite), and ends with the summary line CI reads. Args: class-name filters (a substring,
 * or a regex when it holds a dot), {@code --only PATTERN} (repeatable): only the tests whose class
 * name, method name or display name (or "Class > test" as printed) contains a match of the Java
 * regex PATTERN, {@code --jobs N} (default 6, or OPS_TEST_JOBS), and {@code --record-durations}
 * (rewrite tests/runner/durations.txt, which orders and groups the test JVMs). Tests a @TestFactory or
 * @ParameterizedTest makes only exist while they run: they go with their class or method name.
 */
public class RunTests {
    public static void main(String... args) throws Exception {
        runner.Options options;
        try {
            options = runner.Options.parse(args);
        } catch (runner.Options.UsageException e) {
            System.err.println("run-tests: " + e.getMessage());
            System.err.println(runner.Options.USAGE);
            System.exit(2);
            return;
        }
        System.exit(options.worker() ? runner.Worker.run(options) : new runner.Suite(options, System.out).run());
    }
}
