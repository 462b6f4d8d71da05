package ops.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ops.base.OpsException;
import ops.json.Json;

/**
 * A change's record on disk under the state folder: written before anything is changed (a full
 * disk stops the change there), saved again as each step is done, read back for undo.
 */
public final class Journal<R extends ChangeRecord> {
    private final StateDir state;
    private final String name;
    private final R record;
    private final boolean exists;

    private Journal(StateDir state, String name, R record, boolean exists) {
        this.state = state;
        this.name = name;
        this.record = record;
        this.exists = exists;
    }

    /** A new change's record, written when the executor starts. */
    public static <R extends ChangeRecord> Journal<R> fresh(StateDir state, String name, R record) {
        return new Journal<>(state, name, record, false);
    }

    /** The record of an earlier change, read from {@code file}. */
    public static <R extends ChangeRecord> Journal<R> read(StateDir state, Path file, Class<R> type, String expected) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new OpsException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            R record = Json.mapper().treeToValue(Json.parse(file.toString(), text, expected), type);
            return new Journal<>(state, file.getFileName().toString(), record, true);
        } catch (JsonProcessingException e) {
            throw new OpsException(file + ": not " + expected + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    public R record() { return record; }

    public Path file() { return state.path().resolve("changes").resolve(name); }

    /** Writes a new record before anything changes; a failure says nothing was changed. */
    void open() {
        if (exists) return;
        state.create(name, text());
    }

    public void save() {
        state.write(name, text());
    }

    private String text() {
        try {
            return Json.mapper().writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
