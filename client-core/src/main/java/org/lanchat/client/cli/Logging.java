package org.lanchat.client.cli;

import java.util.Map;

/**
 * Where the log of the libraries {@code lanchat} runs on goes (the client core, discovery: SLF4J, written by
 * slf4j-simple). Their lines are developers' English ("mDNS browser: no usable interface…"), not sentences for the
 * person at the terminal, who is told what matters in their language by the command itself: so none reach the
 * terminal unless {@value #DEBUG} is set, as for the appliance's own words (then from INFO up, on standard error).
 */
final class Logging {
    /** Also makes a failure print the developer's detail (the appliance's English, a stack trace). */
    static final String DEBUG = "LANCHAT_DEBUG";
    /** A developer's choice of level (trace, debug, info, warn, error, off), before {@value #DEBUG}'s. */
    static final String LEVEL = "LANCHAT_LOG";

    private Logging() {
    }

    /** The slf4j-simple level the environment asks for. */
    static String level(Map<String, String> env) {
        String chosen = env.get(LEVEL);
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        return env.containsKey(DEBUG) ? "info" : "off";
    }

    /** Before the first logger is made: slf4j-simple reads its configuration once. */
    static void configure(Map<String, String> env) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level(env));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
