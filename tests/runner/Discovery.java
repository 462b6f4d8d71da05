package runner;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/** Which tests a run means: JUnit discovery requests for the whole suite and for one worker's classes. */
final class Discovery {
    private Discovery() {}

    /** Every test class in this build whose name matches a class filter (a substring, or a regex when it holds a dot). */
    static LauncherDiscoveryRequest suite(Options o) {
        Path root;
        try {
            root = Path.of(Discovery.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        LauncherDiscoveryRequestBuilder request = base().selectors(selectClasspathRoots(Set.of(root)));
        List<String> patterns = new ArrayList<>();
        for (String a : o.classFilters()) patterns.add(a.contains(".") ? a : ".*" + a + ".*");
        if (patterns.isEmpty()) patterns.add(".*Test");
        request.filters(includeClassNamePatterns(patterns.toArray(String[]::new)));
        Pattern only = o.onlyPattern();
        if (only != null) request.filters(only(only));
        return request.build();
    }

    /** Exactly these classes (a worker's share), narrowed by --only as the suite was. */
    static LauncherDiscoveryRequest classes(Options o) {
        LauncherDiscoveryRequestBuilder request = base();
        for (String c : o.classes()) request.selectors(selectClass(c));
        Pattern only = o.onlyPattern();
        if (only != null) request.filters(only(only));
        return request.build();
    }

    private static LauncherDiscoveryRequestBuilder base() {
        return LauncherDiscoveryRequestBuilder.request().configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
    }

    /** Keeps a test when PATTERN is found in its class name (simple or full), method name, display name or "Class > test". */
    static PostDiscoveryFilter only(Pattern pattern) {
        return descriptor -> {
            boolean hit = names(descriptor).stream().anyMatch(n -> pattern.matcher(n).find());
            return FilterResult.includedIf(hit, () -> "matches --only " + pattern, () -> "does not match --only " + pattern);
        };
    }

    /** The names a test is known by: its own and its containers' (classes, methods, display names). */
    static List<String> names(TestDescriptor descriptor) {
        List<String> names = new ArrayList<>();
        for (TestDescriptor d = descriptor; d != null && !d.isRoot(); d = d.getParent().orElse(null)) {
            names.add(d.getDisplayName());
            Object s = d.getSource().orElse(null);
            String clazz = s instanceof MethodSource m ? m.getClassName() : s instanceof ClassSource c ? c.getClassName() : null;
            if (clazz == null) continue;
            String simple = clazz.substring(clazz.lastIndexOf('.') + 1);
            names.add(clazz);
            names.add(simple);
            if (s instanceof MethodSource m) {
                names.add(m.getMethodName());
                names.add(simple + " > " + d.getDisplayName()); // as the run prints it
            }
        }
        return names;
    }
}
