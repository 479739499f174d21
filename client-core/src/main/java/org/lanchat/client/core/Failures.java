package org.lanchat.client.core;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.lanchat.discovery.trust.CertificateMismatchException;

/** What went wrong, unwrapped from its future and put in an English sentence for logs; UIs use {@link ClientProblem}. */
final class Failures {
    private Failures() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ChatException || cause instanceof CertificateMismatchException) {
            return cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return "the appliance did not answer in time";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException || cause instanceof SocketTimeoutException) {
            return "the appliance cannot be reached (" + cause.getMessage() + ")";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
