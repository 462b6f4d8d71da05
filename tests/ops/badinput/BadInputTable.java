package ops.badinput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the rows of docs/bad-input.md: | `id` | wrong input | `command` | exit | `` message `` |. */
final class BadInputTable {
    private BadInputTable() {}

    private static final Pattern ROW = Pattern.compile(
            "^\\| `([a-z0-9-]+)` \\| .+? \\| `(.+?)` \\| (\\d) \\| `` (.+) `` \\|$");

    static List<BadInputTableTest.Row> read(Path doc) throws IOException {
        List<BadInputTableTest.Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) rows.add(new BadInputTableTest.Row(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4).replace("\\|", "|")));
            else if (line.startsWith("| `")) throw new IllegalStateException(doc + ": a row not in the table's format: " + line);
        }
        return rows;
    }
}
