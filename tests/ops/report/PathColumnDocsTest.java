package ops.report;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import ops.audit.PathRow;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/** One name per column: the PathRow component, the JSON key and docs/paths.md agree; source-ip-check's columns too. */
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

    @Test
    void everyMeasuredColumnIsDocumentedAndASharedOneHasRouteAuditsName() {
        String doc = Repo.read("docs/paths.md");
        for (CheckColumn c : CheckColumn.values()) {
            String header = c.header == null ? "-" : c.header;
            assertTrue(doc.contains("| `" + c.key + "` | " + header + " | " + c.meaning + " |"), "docs/paths.md lacks the row for " + c.key);
            for (PathColumn p : PathColumn.values()) {
                if (p.key.equals(c.key)) assertEquals(p.header, c.header, c.key + " is route-audit's column: same header");
            }
        }
    }
}
