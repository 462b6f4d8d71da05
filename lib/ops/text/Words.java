package ops.text;

import java.util.ArrayList;
import java.util.List;

/** Splits a line on runs of blanks without a regex: readers call it once per line of 100k-line outputs. */
public final class Words {
    private Words() {}

    public static String[] split(String line) {
        List<String> out = new ArrayList<>(8);
        int n = line.length(), i = 0;
        while (i < n) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
            int start = i;
            while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') i++;
            if (i > start) out.add(line.substring(start, i));
        }
        return out.toArray(new String[0]);
    }
}
