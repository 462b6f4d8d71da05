package ops.change;

import java.util.List;

/** An ordered, reviewable list of steps; empty when there is nothing to change. */
public record Plan(String summary, List<Step> steps) {

    public boolean isEmpty() { return steps.isEmpty(); }

    public String render() {
        StringBuilder sb = new StringBuilder("Plan: ").append(summary).append('\n');
        if (steps.isEmpty()) return sb.append("  (nothing to do)\n").toString();
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i + 1).append('.').append(steps.get(i).render().substring(1));
        }
        return sb.toString();
    }
}
