package org.lanchat.client.cli;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Map;
import org.lanchat.client.core.ClientOptions;

/**
 * What a command takes from the world besides its arguments: the environment (read through this map only,
 * so tests can give their own), standard input, the terminal, and the client's tuning.
 *
 * @param discoveryWait how long to listen for appliances on the LAN when none is remembered
 */
record Context(Map<String, String> env, InputStream stdin, Terminal terminal, ClientOptions clientOptions,
        Duration discoveryWait) {
    static final String PASSWORD_VARIABLE = "LANCHAT_PASSWORD";

    /** @param prompts the charset the terminal's prompts are printed in: that of the rest of the output */
    static Context system(Charset prompts) {
        ClientOptions defaults = ClientOptions.DEFAULTS;
        ClientOptions options = new ClientOptions("LAN Chat command line " + Lanchat.version(), defaults.requestTimeout(),
                defaults.firstRetry(), defaults.maxRetry(), defaults.initialPageSize());
        return new Context(System.getenv(), System.in, Terminal.system(prompts), options, Duration.ofSeconds(6));
    }
}
