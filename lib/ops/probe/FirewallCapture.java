package ops.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import ops.base.OpsException;
import ops.remote.Remote;
import ops.remote.Running;

/**
 * tcpdump on the firewall's interfaces while probes run, in one exec (see {@link CaptureScript}).
 * Nothing is left running there: stop() ends the captures; so does the script when its input
 * ends (our process or the connection died); each tcpdump dies by itself after the `timeout`
 * bound; and on Ctrl-C a shutdown hook kills them by the capture's unique marker.
 */
public final class FirewallCapture implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);
    private static final Duration REPORT_WITHIN = Duration.ofSeconds(15);

    private final Remote firewall;
    private final String nonce;
    private final List<String> devices;
    private final Running running;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread hook;
    private Map<String, Boolean> listening = Map.of();
    private Map<String, CapturedDevice> stopped;
    private boolean finished;

    private FirewallCapture(Remote firewall, List<String> devices) {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        this.nonce = HexFormat.of().formatHex(b);
        this.firewall = firewall;
        this.devices = List.copyOf(devices);
        this.hook = new Thread(this::abort, "source-ip-check-capture-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            this.running = firewall.start(CaptureScript.COMMAND);
        } catch (RuntimeException e) {
            removeHook();
            throw e;
        }
    }

    /**
     * Starts capturing the probes' source ports on these interfaces and returns once every
     * tcpdump listens (or has given up on its interface).
     *
     * @param bound how long tcpdump may run at most, whatever happens to us
     */
    public static FirewallCapture start(Remote firewall, List<String> devices, PortRange ports, Duration bound) {
        FirewallCapture c = new FirewallCapture(firewall, devices);
        try {
            c.begin(CaptureScript.text(c.nonce, devices, CaptureScript.filter(ports), bound));
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The marker on the firewall (/tmp/ops-sic.MARKER) that names this capture's processes and files. */
    public String marker() { return nonce; }

    private void begin(String script) {
        pump(running.stdout(), true);
        pump(running.stderr(), false);
        try {
            running.stdin().write(script.getBytes(StandardCharsets.UTF_8));
            running.stdin().flush(); // and keep it open: closing it is the signal to stop
        } catch (IOException e) {
            throw new OpsException(firewall.name() + ": could not start the capture (" + e.getMessage() + ")", e);
        }
        List<String> head = until(":ready", READY_WITHIN);
        CaptureScript.Start s = CaptureScript.start(nonce, head);
        if (s.fatal().isPresent()) throw fatal(s.fatal().get());
        if (!head.contains("@@" + nonce + ":ready")) {
            throw new OpsException(firewall.name() + ": the capture did not start (" + firstLine(stderr()) + "); is /bin/sh a "
                    + "POSIX shell there?");
        }
        listening = s.listening();
        if (!listening.containsValue(true)) {
            // nothing listens: say why now, unless every interface is simply down
            Map<String, CapturedDevice> seen = stop();
            boolean allDown = seen.values().stream().allMatch(d -> d.state() == CapturedDevice.State.DOWN);
            if (!allDown) {
                CapturedDevice first = seen.values().stream().filter(d -> d.state() == CapturedDevice.State.FAILED).findFirst().orElseThrow();
                if (first.message().startsWith("sudo:")) {
                    throw new OpsException(firewall.name() + ": sudo refused tcpdump (" + first.message() + "); allow it without a "
                            + "password in sudoers (NOPASSWD: /usr/sbin/tcpdump), or log in as root");
                }
                throw new OpsException(firewall.name() + ": tcpdump could not capture on " + String.join(", ", devices) + " ("
                        + first.device() + ": " + first.message() + ")");
            }
            // every interface is down: stop() keeps returning that, and every path is not reached
        }
    }

    /** Stops the captures and returns what each interface saw. */
    public synchronized Map<String, CapturedDevice> stop() {
        if (stopped != null) return stopped;
        try {
            running.stdin().close(); // the script's `read` ends: it stops tcpdump and reports
        } catch (IOException e) {
            // the channel is gone: then the script has stopped by itself; its report is lost
        }
        List<String> tail = until(":end", REPORT_WITHIN);
        Optional<Map<String, CaptureScript.Section>> sections = CaptureScript.sections(nonce, tail);
        if (sections.isEmpty()) {
            abort();
            throw new OpsException(firewall.name() + ": the capture did not report back (" + firstLine(stderr()) + ")");
        }
        running.exitStatus(Duration.ofSeconds(2));
        running.close();
        finished = true;
        removeHook();
        Map<String, CapturedDevice> out = new LinkedHashMap<>();
        for (String d : devices) {
            CaptureScript.Section s = sections.get().getOrDefault(d, new CaptureScript.Section("", ""));
            String error = CaptureScript.firstError(s.stderr());
            CapturedDevice.State state = listening.getOrDefault(d, false) ? CapturedDevice.State.LISTENING
                    : CaptureScript.deviceDown(error) ? CapturedDevice.State.DOWN : CapturedDevice.State.FAILED;
            out.put(d, new CapturedDevice(d, state, state == CapturedDevice.State.LISTENING ? "" : error.isEmpty() ? "did not start" : error,
                    TcpdumpReader.read(d, s.stdout()).packets(), TcpdumpReader.droppedByKernel(s.stderr()).orElse(0L)));
        }
        stopped = java.util.Collections.unmodifiableMap(out);
        return stopped;
    }

    /** Ends everything now, as on Ctrl-C: the script's input, then a kill by marker. Never throws. */
    private void abort() {
        synchronized (this) {
            if (finished) return;
            finished = true;
        }
        try {
            running.stdin().close();
        } catch (IOException | RuntimeException ignored) {
            // going on to the kill
        }
        try {
            firewall.run(CaptureScript.COMMAND, CaptureScript.killScript(nonce), Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // unreachable now: tcpdump still ends at its timeout, or when the script sees its input end
        }
        running.close();
    }

    @Override
    public void close() {
        if (stopped == null) abort();
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    private OpsException fatal(String what) {
        return new OpsException(firewall.name() + ": " + switch (what) {
            case "no-tcpdump" -> "tcpdump is not installed (not on PATH, not /usr/sbin/tcpdump); source-ip-check watches the "
                    + "firewall's interfaces with it: install it (pfSense ships it), or log in as a user whose PATH has it";
            case "no-timeout" -> "timeout(1) is missing; it bounds every capture so that none can outlive us: install coreutils";
            case "no-dir" -> "cannot create " + CaptureScript.directory(nonce) + " for the capture; is /tmp writable?";
            default -> "the capture failed (" + what + ")";
        });
    }

    /** Lines from the script up to one ending with {@code marker}, at most {@code within}; stops early at end of output. */
    private List<String> until(String marker, Duration within) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        String end = "@@" + nonce + marker;
        try {
            while (true) {
                String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l == null || l.equals(EOF)) return out;
                out.add(l);
                if (l.equals(end) || (l.startsWith("@@" + nonce + ":no-"))) return out;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return out;
        }
    }

    private void pump(InputStream in, boolean toLines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (toLines) lines.add(l);
                    else synchronized (stderr) { stderr.append(l).append('\n'); }
                }
            } catch (IOException ignored) {
                // the channel closed: end of output
            } finally {
                if (toLines) lines.add(EOF);
            }
        }, "source-ip-check-capture-" + (toLines ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    private String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    private static String firstLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no message");
    }
}
