package org.lanchat.bench.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point of a generator process: {@code GeneratorMain <spec.json> <result.json>}. Prints
 * {@code READY} once every member is connected; with {@code holdForStdin} it then holds the
 * connections until a line (or end of input) arrives on standard input.
 */
public final class GeneratorMain {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private GeneratorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GeneratorMain <spec.json> <result.json>");
        }
        RunSpec spec = JSON.readValue(Path.of(args[0]).toFile(), RunSpec.class);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        RunResult result;
        try (LoadGenerator generator = new LoadGenerator(spec)) {
            result = generator.run(() -> {
                out.println("READY");
                if (spec.holdForStdin()) {
                    try {
                        new BufferedReader(new InputStreamReader(java.lang.System.in, StandardCharsets.UTF_8)).readLine();
                    } catch (IOException e) {
                        // end of input also ends the hold
                    }
                }
            });
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[1]).toFile(), result);
        out.println("DONE");
        java.lang.System.exit(0);
    }
}
