package org.lanchat.client.core.appliance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lanchat.protocol.trust.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust decided by the administrator, so that users never decide: the certificates listed in the system-wide
 * file {@value #SYSTEM_FILE} and given with {@code --trust CODE|FINGERPRINT}. Each is a short code
 * ({@code 7KQ2-M9XD-4TBE}, as {@code lanchat-appliance --fingerprint} prints it) or a full SHA-256 fingerprint
 * (64 hex digits, colons allowed).
 *
 * <p>When anything is provisioned, only those certificates are trusted and nothing else can be trusted from the
 * user interface ({@link TrustInspection.Verdict#NOT_PROVISIONED}). The file is a decision only root may take:
 * it is ignored, with a warning, unless it is owned by root and neither group- nor world-writable; otherwise
 * anyone who could write it could slip a rogue's code in. A line that is not a code or fingerprint trusts
 * nothing, but still counts as provisioning: a typo must not fall back to trusting whatever is met first.
 *
 * <p>Immutable; {@link #load} reads the file once.
 */
public final class ProvisionedTrust {
    /** Where administrators put the trusted codes, one a line, {@code #} for comments. */
    public static final String SYSTEM_FILE = "/etc/lanchat/trusted-appliances";
    /** A system property naming another file instead of {@value #SYSTEM_FILE} (for tests and odd installs). */
    public static final String FILE_PROPERTY = "lanchat.provisionedTrust";
    private static final Logger log = LoggerFactory.getLogger(ProvisionedTrust.class);
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int SHORT_CODE_LENGTH = 12;
    private static final ProvisionedTrust NONE = new ProvisionedTrust(false, Set.of(), Set.of(), List.of());

    private final boolean provisioned;
    private final Set<String> shortCodes;
    private final Set<CertificateFingerprint> fingerprints;
    private final List<TrustFileWarning> warnings;

    private ProvisionedTrust(boolean provisioned, Set<String> shortCodes, Set<CertificateFingerprint> fingerprints,
            List<TrustFileWarning> warnings) {
        this.provisioned = provisioned;
        this.shortCodes = Set.copyOf(shortCodes);
        this.fingerprints = Set.copyOf(fingerprints);
        this.warnings = List.copyOf(warnings);
    }

    /** Nothing provisioned: the user decides, on the short code. */
    public static ProvisionedTrust none() {
        return NONE;
    }

    /**
     * The system-wide file ({@value #SYSTEM_FILE}, or the one named by {@value #FILE_PROPERTY}) together with
     * the values of {@code --trust}.
     *
     * @throws IllegalArgumentException naming the value, if a {@code --trust} value is neither a short code nor
     *                                  a fingerprint (a mistake on the command line stops the program)
     */
    public static ProvisionedTrust load(Collection<String> trustArguments) {
        return load(Path.of(System.getProperty(FILE_PROPERTY, SYSTEM_FILE)), trustArguments);
    }

    /** As {@link #load(Collection)}, with the file given. */
    public static ProvisionedTrust load(Path file, Collection<String> trustArguments) {
        Set<String> codes = new LinkedHashSet<>();
        Set<CertificateFingerprint> fingerprints = new LinkedHashSet<>();
        List<TrustFileWarning> warnings = new ArrayList<>();
        boolean provisioned = false;
        for (String value : trustArguments) {
            add(value, codes, fingerprints).orElseThrow(() -> new IllegalArgumentException("--trust " + value
                    + ": expected a short code like 7KQ2-M9XD-4TBE or a SHA-256 fingerprint of 64 hex digits"));
            provisioned = true;
        }
        if (Files.exists(file)) {
            Optional<TrustFileWarning> unsafe = unsafe(file);
            if (unsafe.isPresent()) {
                warnings.add(unsafe.get());
            } else {
                try {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = stripComment(lines.get(i));
                        if (line.isEmpty()) {
                            continue;
                        }
                        provisioned = true;
                        if (add(line, codes, fingerprints).isEmpty()) {
                            warnings.add(new TrustFileWarning(TrustFileWarning.Kind.BAD_LINE,
                                    List.of(file.toString(), i + 1, line),
                                    file + " line " + (i + 1) + ": '" + line
                                            + "' is neither a short code nor a fingerprint; it trusts nothing"));
                        }
                    }
                } catch (IOException e) {
                    warnings.add(ignoring(file, TrustFileWarning.Kind.UNREADABLE, List.of(),
                            "it cannot be read (" + e.getMessage() + ")"));
                }
            }
        }
        // Each UI shows them in the user's language (the command line prints them itself); the log keeps the English.
        warnings.forEach(w -> log.info("{}", w));
        return provisioned ? new ProvisionedTrust(true, codes, fingerprints, warnings)
                : warnings.isEmpty() ? NONE : new ProvisionedTrust(false, Set.of(), Set.of(), warnings);
    }

    /** True if an administrator decided which appliances are trusted; then the user cannot trust others. */
    public boolean isProvisioned() {
        return provisioned;
    }

    /** Whether {@code presented} is one of the provisioned certificates. Always false when nothing is provisioned. */
    public boolean trusts(CertificateFingerprint presented) {
        Objects.requireNonNull(presented, "presented");
        return fingerprints.contains(presented) || shortCodes.contains(presented.shortCode());
    }

    /** The provisioned certificates as short codes, for showing to the user. */
    public List<String> shortCodes() {
        Set<String> all = new LinkedHashSet<>(shortCodes);
        fingerprints.forEach(f -> all.add(f.shortCode()));
        return List.copyOf(all);
    }

    /** What was wrong with the file or its lines, already logged; empty when all is well. */
    public List<TrustFileWarning> warnings() {
        return warnings;
    }

    private static Optional<String> add(String value, Set<String> codes, Set<CertificateFingerprint> fingerprints) {
        String compact = value.strip().replace(":", "").replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() == 64 && compact.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            CertificateFingerprint fingerprint = new CertificateFingerprint(compact);
            fingerprints.add(fingerprint);
            return Optional.of(fingerprint.shortCode());
        }
        if (compact.length() == SHORT_CODE_LENGTH) {
            // Crockford base32 reads I and L as 1 and O as 0, so a code copied by hand still matches.
            String code = compact.replace('I', '1').replace('L', '1').replace('O', '0');
            if (code.chars().allMatch(c -> CROCKFORD.indexOf(c) >= 0)) {
                String dashed = code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
                codes.add(dashed);
                return Optional.of(dashed);
            }
        }
        return Optional.empty();
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /** Why the file may not be believed, if it may not: only root may have been able to write it. */
    private static Optional<TrustFileWarning> unsafe(Path file) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.of(ignoring(file, TrustFileWarning.Kind.NOT_A_REGULAR_FILE, List.of(),
                        "it is not a regular file"));
            }
            if (!"root".equals(attributes.owner().getName())) {
                String owner = attributes.owner().getName();
                return Optional.of(ignoring(file, TrustFileWarning.Kind.NOT_OWNED_BY_ROOT, List.of(owner),
                        "it is owned by " + owner + ", not root"));
            }
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                return Optional.of(ignoring(file, TrustFileWarning.Kind.WRITABLE_BY_OTHERS, List.of(),
                        "it is writable by group or others (chmod 644 it)"));
            }
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the install location under ProgramData is writable by
            // administrators only, which the installer sets; there is nothing portable to check here.
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(ignoring(file, TrustFileWarning.Kind.UNREADABLE, List.of(),
                    "its owner and mode cannot be read (" + e.getMessage() + ")"));
        }
    }

    private static TrustFileWarning ignoring(Path file, TrustFileWarning.Kind kind, List<Object> more, String why) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(file.toString());
        arguments.addAll(more);
        return new TrustFileWarning(kind, arguments, "Ignoring " + file + ": " + why);
    }

    @Override
    public String toString() {
        return provisioned ? "provisioned trust " + shortCodes() : "no provisioned trust";
    }
}
