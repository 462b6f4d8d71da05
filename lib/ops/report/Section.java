package ops.report;

import java.util.List;

/** One block of a Document; a text report puts a blank line between blocks. */
public sealed interface Section permits Document, Section.Lines, Section.Items, Section.Grid, Section.Findings {

    /** Lines shown as they are ("No findings.", a finding and its fix). */
    record Lines(List<String> lines) implements Section {}

    /** A heading, then one line per item, indented under it ("Notes:", "Edges:"). */
    record Items(String heading, List<String> items) implements Section {}

    /** A table: an optional heading line (null for none), then the header row and the rows. */
    record Grid(String heading, List<String[]> rows) implements Section {}

    /**
     * Findings with their codes: "Findings:" and each with its fix, or, when {@code ignored}, the
     * ones the operator accepted, one line each. The HTML links each code to what it means.
     */
    record Findings(List<ops.audit.Finding> findings, boolean ignored) implements Section {}

    /** A grid of rows by columns: the header row from the columns' headers, one row of cells each. */
    static <R> Grid grid(String heading, List<? extends Column<R>> columns, List<R> rows) {
        List<String[]> out = new java.util.ArrayList<>();
        out.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (R r : rows) out.add(columns.stream().map(c -> c.cell(r)).toArray(String[]::new));
        return new Grid(heading, out);
    }
}
