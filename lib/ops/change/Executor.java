package ops.change;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.base.OpsException;
import ops.remote.Remote;

/**
 * Runs every plan the same way: asks, records, then step by step under the machine's lock:
 * guard, command, verification. When a step fails it takes back the steps done, as the step
 * asks. It frees each lock after the machine's last step; after a failure, a lock that a revert
 * armed on the machine owns stays for that revert to free.
 */
public final class Executor {
    private final PrintWriter out;
    private final Confirm confirm;

    public Executor(PrintWriter out, Confirm confirm) {
        this.out = out;
        this.confirm = confirm;
    }

    public Outcome run(Plan plan, boolean dryRun) {
        if (dryRun) {
            out.println("\n--dry-run: nothing was changed.");
            return Outcome.SHOWN;
        }
        out.flush();
        if (plan.question().isPresent() && !confirm.ask(plan.question().get())) {
            out.println("Not applied.");
            return Outcome.NOT_CONFIRMED;
        }
        plan.journal().open();
        return new Run(plan).all();
    }

    /** One run of one plan: what is done, which locks are held, which connection last reached each machine. */
    private final class Run {
        private final Plan plan;
        private final List<Step> done = new ArrayList<>();
        private final Map<String, RemoteLock> locks = new LinkedHashMap<>();
        private final Map<String, Host> last = new HashMap<>();
        private final Set<String> armed = new HashSet<>();

        Run(Plan plan) { this.plan = plan; }

        Outcome all() {
            try {
                return steps();
            } catch (RuntimeException unexpected) { // a record that cannot be written, say: no lock outlives this run
                unlockTaken();
                throw unexpected;
            }
        }

        private Outcome steps() {
            List<Step> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                Next n = step(s);
                if (s.armsRevert() && (n instanceof Next.Go || n instanceof Next.Stop)) armed.add(s.host().machine());
                if (n instanceof Next.Go go) {
                    say(go.say());
                    done.add(s);
                    if (lastOn(s.host().machine(), i)) unlock(s.host().machine());
                } else if (n instanceof Next.Stop stop) {
                    say(stop.say());
                    unlockTaken();
                    return stop.outcome();
                } else if (n instanceof Next.Revert revert) {
                    throw revert(s, revert);
                } else {
                    unlockTaken();
                    throw ((Next.Fail) n).failure();
                }
            }
            plan.journal().record().status = plan.completed();
            plan.journal().save();
            for (String machine : List.copyOf(locks.keySet())) unlock(machine);
            return Outcome.APPLIED;
        }

        /** Lock, guard, command and verification of one step, and what comes next. */
        private Next step(Step s) {
            Ran ran;
            try {
                if (s.changesHost()) lock(s.host());
                Optional<Check> guard = s.guard();
                Verdict g = guard.isPresent() ? guard.get().run() : null;
                if (g != null && (g.state() == Verdict.State.UNREADABLE || g.state() == Verdict.State.UNREACHABLE)) {
                    ran = Ran.notRun(g.failure().orElseThrow());
                } else {
                    if (g != null) {
                        Next n = s.guarded(g);
                        plan.journal().save();
                        if (!(n instanceof Next.Go)) return n;
                    }
                    ran = run(s);
                }
            } catch (OpsException e) { // the lock, or a new connection, failed: the command did not run
                ran = Ran.notRun(e);
            }
            Next n = s.settled(ran);
            plan.journal().save();
            if (n instanceof Next.Go go && go.verify()) {
                say(go.say());
                n = s.verified(ran, s.verify().orElseThrow().run());
                plan.journal().save();
            }
            return n;
        }

        private Ran run(Step s) {
            Remote remote = s.host().remote();
            if (s.changesHost()) last.put(s.host().machine(), s.host()); // a step that only measures frees no lock
            try {
                return Ran.answered(s.perform(remote));
            } catch (OpsException lost) {
                return Ran.lost(lost);
            }
        }

        /** Takes back what was done (newest first) and says what became of it; the failure to throw. */
        private OpsException revert(Step failing, Next.Revert r) {
            List<Step> back = new ArrayList<>(done);
            Collections.reverse(back);
            if (r.thisStepToo()) back.add(0, failing);
            StringBuilder said = new StringBuilder(r.failure().getMessage());
            boolean all = true;
            for (Step s : back) {
                if (s.armsRevert()) armed.add(s.host().machine());
                Optional<OpsException> failed = Optional.empty();
                try {
                    for (Step u : s.undo()) undo(u);
                    if (s.armsRevert()) armed.remove(s.host().machine()); // disarmed: the lock is ours to free again
                } catch (OpsException e) {
                    failed = Optional.of(e);
                    all = false;
                }
                String say = s.putBack(failed);
                if (!say.isEmpty()) said.append("; ").append(say);
            }
            if (all && !back.isEmpty()) {
                plan.journal().record().status = r.status();
                plan.journal().save();
            }
            unlockTaken();
            return said.length() == r.failure().getMessage().length() ? r.failure()
                    : new OpsException(said.toString(), r.failure(), r.failure().exitCode());
        }

        private void undo(Step u) {
            Next n = step(u);
            if (n instanceof Next.Go go) {
                say(go.say());
                return;
            }
            if (n instanceof Next.Stop stop) throw new OpsException(stop.say());
            throw n instanceof Next.Revert r ? r.failure() : ((Next.Fail) n).failure();
        }

        private void lock(Host h) {
            String machine = h.machine();
            if (locks.containsKey(machine)) return;
            Locking l = plan.locking();
            locks.put(machine, l.adopted() ? RemoteLock.adopt(l.name()) : RemoteLock.acquire(h.remote(), l.name(), l.owner()));
            last.put(machine, h);
        }

        /** Frees a machine's lock over the connection that last reached it. */
        private void unlock(String machine) {
            RemoteLock l = locks.remove(machine);
            if (l != null) l.release(last.get(machine).remote());
        }

        /**
         * After a failure or a stop: frees the locks this run took, but not one an armed revert owns
         * now, nor an adopted one (it stays with its change); the failure is what matters.
         */
        private void unlockTaken() {
            if (plan.locking().adopted()) return;
            for (String machine : List.copyOf(locks.keySet())) {
                if (armed.contains(machine)) continue;
                try {
                    unlock(machine);
                } catch (OpsException ignored) {
                    // the lock names its owner; the failure being reported is what the user needs
                }
            }
        }

        private boolean lastOn(String machine, int index) {
            for (int j = index + 1; j < plan.steps().size(); j++) if (plan.steps().get(j).host().machine().equals(machine)) return false;
            return true;
        }

        private void say(String line) {
            if (!line.isEmpty()) out.println(line);
        }
    }
}
