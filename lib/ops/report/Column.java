package ops.report;

/**
 * A column of a matrix of rows R: its JSON key, its header in the text table, and the row's value
 * as data and as a cell. Every renderer of rows takes its names from here (PathColumn, CheckColumn).
 */
public interface Column<R> {
    String key();

    String header();

    /** The value as data: a String, a Number, a Boolean, a List of Strings, or null (JSON null). */
    Object value(R row);

    /** The value as a table cell: "-" for nothing. */
    default String cell(R row) {
        Object v = value(row);
        String s = v == null ? "" : String.valueOf(v);
        return s.isEmpty() ? "-" : s;
    }

    /** Whether the row has this column at all; JSON leaves the key out when not. */
    default boolean in(R row) {
        return true;
    }
}
