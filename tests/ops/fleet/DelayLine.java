package ops.fleet;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.Readable;

/**
 * A round trip of delay inside the server, for kernels without netem: the SSH server sees each
 * connection (its TCP handshake's round trip) and then every chunk the client sends one RTT late,
 * in order; what it sends goes out at once. So every exchange the client waits on (version,
 * key exchange, each auth step, channel open, exec, the output) costs one RTT, as on a link
 * with RTT/2 each way; the only difference is the server's first bytes (banner, KEXINIT),
 * which arrive RTT/2 earlier than on such a link, in parallel with the client's own.
 */
final class DelayLine implements IoHandler, AutoCloseable {
    private final IoHandler server;
    private final long rttNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "delay-timer"));
    private final ExecutorService work = Executors.newCachedThreadPool(r -> daemon(r, "delay-deliver"));
    private final Map<Long, Serial> sessions = new ConcurrentHashMap<>();

    DelayLine(IoHandler server, Duration rtt) {
        this.server = server;
        this.rttNanos = rtt.toNanos();
    }

    @Override
    public void sessionCreated(IoSession s) {
        later(s, () -> server.sessionCreated(s));
    }

    @Override
    public void messageReceived(IoSession s, Readable message) {
        byte[] b = new byte[message.available()]; // MINA reuses its read buffer once we return: keep a copy
        message.getRawBytes(b, 0, b.length);
        later(s, () -> server.messageReceived(s, Readable.readable(ByteBuffer.wrap(b))));
    }

    @Override
    public void exceptionCaught(IoSession s, Throwable t) {
        later(s, () -> server.exceptionCaught(s, t));
    }

    @Override
    public void sessionClosed(IoSession s) {
        later(s, () -> {
            sessions.remove(s.getId());
            server.sessionClosed(s);
        });
    }

    interface Event {
        void run() throws Exception;
    }

    /**
     * Due one RTT from now. One timer thread keeps each connection's events in order (equal
     * delays, FIFO among equal due times); each connection's events then run one at a time on
     * the work pool, so one connection's key exchange does not hold up the others' deliveries.
     */
    private void later(IoSession s, Event e) {
        Serial serial = sessions.computeIfAbsent(s.getId(), id -> new Serial());
        timer.schedule(() -> serial.add(() -> {
            try {
                e.run();
            } catch (Exception ex) {
                s.close(true);
            }
        }), rttNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs its tasks one after another, in the order added, on the work pool. */
    private final class Serial {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean running;

        synchronized void add(Runnable r) {
            queue.add(r);
            if (!running) {
                running = true;
                work.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                next.run();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        work.shutdownNow();
    }
}
