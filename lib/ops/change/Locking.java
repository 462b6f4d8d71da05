package ops.change;

/**
 * The change lock a plan works under ({@link RemoteLock}), on every machine it changes.
 * {@code adopted}: the plan finishes an earlier change that still holds the lock (rollback,
 * confirm), so it does not take it, and frees it once it is done.
 */
public record Locking(String name, String owner, boolean adopted) {
    public static Locking take(String name, String owner) { return new Locking(name, owner, false); }

    public static Locking adopt(String name) { return new Locking(name, "", true); }
}
