package ops.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ops.base.OpsException;

/** One shared Jackson mapper, and JSON parse errors turned into one line with the location. */
public final class Json {
    private Json() {}

    private static final class Holder { // loaded only when JSON is really used: Jackson costs start-up time
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static ObjectMapper mapper() { return Holder.MAPPER; }

    public static ObjectNode object() { return mapper().createObjectNode(); }

    public static JsonNode parse(String source, String text, String expected) {
        if (text == null || text.isBlank()) {
            throw new OpsException(source + ": empty; expected " + expected);
        }
        try {
            return mapper().readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new OpsException(source + ": not valid JSON" + where + " (" + ops.text.Lines.quote(String.valueOf(e.getOriginalMessage()))
                    + "); expected " + expected);
        }
    }

    public static String write(JsonNode node) {
        try {
            return mapper().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string field, "" when absent or not text. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
