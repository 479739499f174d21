package org.lanchat.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/** Medians over repetitions, and formatting for the table. */
final class Stats {
    private Stats() {
    }

    static OptionalDouble median(List<Double> values) {
        List<Double> sorted = new ArrayList<>();
        for (Double v : values) {
            if (v != null && !v.isNaN()) {
                sorted.add(v);
            }
        }
        if (sorted.isEmpty()) {
            return OptionalDouble.empty();
        }
        Collections.sort(sorted);
        int n = sorted.size();
        return OptionalDouble.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    static String number(OptionalDouble v, int decimals) {
        return v.isPresent() ? number(v.getAsDouble(), decimals) : "n/a";
    }

    static String number(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (decimals == 0) {
            return String.format("%,d", Math.round(v));
        }
        return String.format("%,." + decimals + "f", v);
    }

    static String ratio(OptionalDouble ours, OptionalDouble theirs) {
        if (ours.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() == 0) {
            return "n/a";
        }
        return String.format("%.2f×", ours.getAsDouble() / theirs.getAsDouble());
    }
}
