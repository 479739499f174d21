package org.lanchat.appliance.service;

import java.util.List;

/** The outcome of one liveness check: alive when nothing is wrong, otherwise every problem found. */
public record Health(List<String> problems) {
    public Health {
        problems = List.copyOf(problems);
    }

    public boolean alive() {
        return problems.isEmpty();
    }

    public String summary() {
        return alive() ? "alive" : String.join("; ", problems);
    }
}
