package ops.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

class FindingDocsTest {
    @Test
    void everyCodeHasASectionInDocsFindings() {
        String doc = Repo.read("docs/findings.md");
        for (Code c : Code.values()) {
            assertTrue(doc.contains("\n## " + c.id + " " + c.slug + "\n"), "docs/findings.md lacks '## " + c.id + " " + c.slug + "'");
        }
    }

    @Test
    void idsAndNamesAreUnique() {
        Set<String> ids = new HashSet<>(), slugs = new HashSet<>();
        for (Code c : Code.values()) {
            assertTrue(ids.add(c.id), c.id);
            assertTrue(slugs.add(c.slug), c.slug);
        }
    }
}
