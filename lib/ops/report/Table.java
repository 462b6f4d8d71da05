package ops.report;

import java.util.List;

/** Left-aligned columns, two spaces apart, no trailing blanks. */
final class Table {
    private Table() {}

    static void render(List<String[]> rows, StringBuilder sb) {
        render(rows, sb, false);
    }

    /** With {@code colour}, verdict and status cells are painted after padding, so the columns still line up. */
    static void render(List<String[]> rows, StringBuilder sb, boolean colour) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(colour && r != rows.get(0) ? Colour.paint(r[i]) : r[i]);
                if (i < cols - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
