package ops.report;

import java.util.List;

/**
 * A report as a person reads it, whatever renders it (TextRenderer, HtmlRenderer): head lines (the title
 * line "route-audit fw1: CRITICAL (…)" and what it was run against), then sections. A fleet's
 * document holds each firewall's document as a section.
 */
public record Document(List<String> head, List<Section> sections) implements Section {

    /** The title every result starts with: who, status, and the counts behind it. */
    static String title(String who, ops.base.ExitStatus status, String counts) {
        return who + ": " + status + " (" + counts + ")";
    }
}
