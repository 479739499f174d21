package org.lanchat.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every text colour of the stylesheet against the backgrounds it is drawn on meets WCAG 2 AA for text, 4.5:1.
 * A rule's text is checked against the background of the same rule, or of the rule it sits inside (by its
 * selector: {@code .bubble.own .sender} inside {@code .bubble.own}); text with no background of its own is
 * checked against every surface of the app (windows, cards, the sidebar, bubbles, selected rows, notices).
 * Disabled controls are exempt (WCAG 1.4.3), and so are pictures and the selection highlight.
 */
class StylesheetContrastTest {
    private static final double AA_TEXT = 4.5;
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)\\}");
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b");
    private static final List<String> SURFACES = List.of(".page", ".backdrop", ".card", ".sidebar", ".bubble.own",
            ".bubble.other", ".list-cell:filled:selected", ".messages .list-cell:filled:selected", ".notice");
    /** Where a rule's selector does not say what it is drawn on. */
    private static final Map<String, String> DRAWN_ON = Map.of(".header-button", ".header");
    private static final List<String> NOT_TEXT = List.of(".text-selection", ".avatar-initial", ":disabled");

    private record Rule(String selector, Map<String, String> declarations) {
    }

    @Test
    void everyTextColourHasAtLeastFourAndAHalfToOneAgainstItsBackgrounds() throws IOException {
        List<Rule> rules = parse(stylesheet());
        Map<String, String> variables = rules.stream().filter(r -> r.selector().equals(".root")).findFirst()
                .orElseThrow().declarations();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Rule rule : rules) {
            if (NOT_TEXT.stream().anyMatch(rule.selector()::contains)) {
                continue;
            }
            for (String property : List.of("-fx-text-fill", "-fx-fill", "-fx-prompt-text-fill", "-fx-text-base-color")) {
                Optional<String> text = colour(rule.declarations().get(property), variables);
                if (text.isEmpty()) {
                    continue;
                }
                for (String[] background : backgrounds(rule, rules, variables)) {
                    double ratio = contrast(text.get(), background[1]);
                    checked++;
                    if (ratio < AA_TEXT) {
                        failures.add(String.format("%s %s %s on %s (%s): %.2f:1", rule.selector(), property, text.get(),
                                background[1], background[0], ratio));
                    }
                }
            }
        }
        assertThat(checked).as("colour pairs checked").isGreaterThan(50);
        assertThat(failures).as("pairs under %s:1", AA_TEXT).isEmpty();
    }

    @Test
    void theSelectedConversationIsDarkTextOnThePaleAccentEvenWhileTheListHasTheFocus() throws IOException {
        List<Rule> rules = parse(stylesheet());
        Rule selected = rules.stream().filter(r -> r.selector().contains(".list-view:focused") && r.selector().contains(":selected"))
                .findFirst().orElseThrow();
        // Modena picks the text colour of labels in a cell from -fx-background: it has to be the pale one.
        assertThat(selected.declarations()).containsEntry("-fx-background", "-lc-accent-soft");
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.selector()).isEqualTo(".list-cell:filled:selected .label");
            assertThat(r.declarations()).containsEntry("-fx-text-fill", "-lc-text");
        });
    }

    /** The backgrounds a rule's text is drawn on: its own, the enclosing rule's, or every surface. */
    private static List<String[]> backgrounds(Rule rule, List<Rule> rules, Map<String, String> variables) {
        Optional<String> own = colour(rule.declarations().get("-fx-background-color"), variables);
        if (own.isPresent()) {
            return List.<String[]>of(new String[] {rule.selector(), own.get()});
        }
        String drawnOn = DRAWN_ON.get(rule.selector());
        if (drawnOn != null) {
            Rule on = rules.stream().filter(r -> r.selector().equals(drawnOn)).findFirst().orElseThrow();
            return List.<String[]>of(new String[] {drawnOn, colour(on.declarations().get("-fx-background-color"), variables).orElseThrow()});
        }
        // Variants that bring the background (.check-mark.passed for .check-mark's white text).
        List<String[]> variants = new ArrayList<>();
        for (Rule candidate : rules) {
            Optional<String> background = colour(candidate.declarations().get("-fx-background-color"), variables);
            if (background.isPresent() && candidate.selector().startsWith(rule.selector() + ".")) {
                variants.add(new String[] {candidate.selector(), background.get()});
            }
        }
        if (!variants.isEmpty()) {
            return variants;
        }
        Rule enclosing = null;
        for (Rule candidate : rules) {
            if (colour(candidate.declarations().get("-fx-background-color"), variables).isEmpty()) {
                continue;
            }
            String s = candidate.selector();
            boolean inside = rule.selector().startsWith(s + " ") || rule.selector().startsWith(s + ".")
                    || rule.selector().startsWith(s + " >");
            if (inside && (enclosing == null || s.length() > enclosing.selector().length())) {
                enclosing = candidate;
            }
        }
        if (enclosing != null) {
            return List.<String[]>of(new String[] {enclosing.selector(),
                    colour(enclosing.declarations().get("-fx-background-color"), variables).orElseThrow()});
        }
        List<String[]> all = new ArrayList<>();
        for (String surface : SURFACES) {
            Rule r = rules.stream().filter(x -> x.selector().equals(surface)).findFirst()
                    .orElseThrow(() -> new AssertionError("no rule " + surface));
            all.add(new String[] {surface, colour(r.declarations().get("-fx-background-color"), variables).orElseThrow()});
        }
        return all;
    }

    /** A colour as #rrggbb, following variables; empty for none, transparent, gradients and rgba. */
    private static Optional<String> colour(String value, Map<String, String> variables) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().split("[,\\s]")[0];
        for (int depth = 0; v.startsWith("-") && depth < 5; depth++) {
            String next = variables.get(v);
            if (next == null) {
                return Optional.empty();
            }
            v = next.strip().split("[,\\s]")[0];
        }
        if (v.equals("white")) {
            return Optional.of("#ffffff");
        }
        if (v.equals("black")) {
            return Optional.of("#000000");
        }
        Matcher hex = HEX.matcher(v);
        if (!hex.matches()) {
            return Optional.empty();
        }
        String digits = hex.group(1);
        if (digits.length() == 3) {
            digits = "" + digits.charAt(0) + digits.charAt(0) + digits.charAt(1) + digits.charAt(1) + digits.charAt(2) + digits.charAt(2);
        }
        return Optional.of("#" + digits.toLowerCase());
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @Test
    void theContrastFormulaGivesWcagsOwnFigures() {
        assertThat(contrast("#000000", "#ffffff")).isEqualTo(21.0);
        assertThat(contrast("#777777", "#ffffff")).isBetween(4.47, 4.49);
    }

    private static String stylesheet() throws IOException {
        try (InputStream in = StylesheetContrastTest.class.getResourceAsStream("lanchat.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        }
    }

    private static List<Rule> parse(String css) {
        List<Rule> rules = new ArrayList<>();
        Matcher m = RULE.matcher(css);
        while (m.find()) {
            Map<String, String> declarations = new LinkedHashMap<>();
            for (String d : m.group(2).split(";")) {
                int colon = d.indexOf(':');
                if (colon > 0) {
                    declarations.put(d.substring(0, colon).strip(), d.substring(colon + 1).strip());
                }
            }
            for (String selector : m.group(1).split(",")) {
                rules.add(new Rule(selector.strip().replaceAll("\\s+", " "), declarations));
            }
        }
        return rules;
    }
}
