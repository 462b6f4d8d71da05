package ops.report;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import ops.audit.PathRow;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/** One name per column: the PathRow component, the JSON key and docs/paths.md agree. */
class PathColumnDocsTest {
    @Test
    void everyColumnIsAPathRowComponentOfTheSameNameAndIsDocumented() {
        List<String> components = Arrays.stream(PathRow.class.getRecordComponents()).map(RecordComponent::getName).toList();
        String doc = Repo.read("docs/paths.md");
        for (PathColumn c : PathColumn.values()) {
            assertTrue(components.contains(c.key), c.key + " is not a PathRow component: " + components);
            assertTrue(doc.contains("| `" + c.key + "` | " + c.header + " | " + c.meaning + " |"), "docs/paths.md lacks the row for " + c.key);
        }
        assertEquals(components.size(), PathColumn.values().length, "every PathRow component is a column");
    }
}
