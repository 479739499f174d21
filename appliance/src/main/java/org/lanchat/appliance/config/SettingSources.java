package org.lanchat.appliance.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option not given on the command line comes from: first the environment variable
 * {@code LANCHAT_<OPTION>} (upper case, dashes as underscores: {@code --data-dir} is
 * {@code LANCHAT_DATA_DIR}), then the config file key of the same name ({@code data-dir = ...}), then
 * the option's built-in default. The config file is a Java properties file.
 */
public final class SettingSources implements IDefaultValueProvider {
    private final Map<String, String> environment;
    private final Properties file;

    public SettingSources(Map<String, String> environment, Properties file) {
        this.environment = Map.copyOf(environment);
        this.file = file;
    }

    public static Properties readConfigFile(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(List.of("--config: " + path + " does not exist"));
        } catch (AccessDeniedException e) {
            throw new InvalidConfigException(List.of("--config: " + path + " cannot be read by this user (permission denied)"));
        } catch (IOException e) {
            throw new InvalidConfigException(List.of("--config: cannot read " + path + " (" + e + ")"));
        }
        return properties;
    }

    public static String environmentName(String longOption) {
        return "LANCHAT_" + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public static String fileKey(String longOption) {
        return longOption.replaceFirst("^--", "");
    }

    /**
     * Where {@code option}'s value came from when it was not on the command line, in words for an error message:
     * "LANCHAT_ADVERTISE in the environment" or "advertise in the config file"; empty for its built-in default.
     */
    public Optional<String> sourceOf(OptionSpec option) {
        String longName = option.longestName();
        String fromEnvironment = environment.get(environmentName(longName));
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return Optional.of(environmentName(longName) + " in the environment");
        }
        return file.getProperty(fileKey(longName)) == null ? Optional.empty()
                : Optional.of("'" + fileKey(longName) + "' in the config file");
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String longName = option.longestName();
        String fromEnvironment = environment.get(environmentName(longName));
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        return file.getProperty(fileKey(longName));
    }
}
