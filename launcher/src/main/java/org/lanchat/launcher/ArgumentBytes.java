package org.lanchat.launcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The arguments exactly as the kernel handed them to this process, for the JVM started again on a newer Java. An
 * older {@code java} in a locale that passes only ASCII ({@code LANG=C}, a cron job) turns 你好 into question marks as
 * it starts, and passed on as those strings a command would have sent the question marks. So the bytes travel beside
 * them, in an environment variable, in base64 (ASCII in any locale), and the second JVM decodes them as it would have
 * decoded them itself: in such a locale into replacement characters, which {@code lanchat} refuses with a sentence
 * saying what to do (README, "Languages"); in a UTF-8 one into the characters typed.
 */
final class ArgumentBytes {
    static final String VARIABLE = "LANCHAT_ARGUMENT_BYTES";
    private static final File KERNELS_COPY = new File("/proc/self/cmdline");

    private ArgumentBytes() {
    }

    /** This process's command line as the kernel keeps it (Linux), or null where there is none. */
    static byte[] kernelsCopy() {
        try {
            return KERNELS_COPY.canRead() ? Files.readAllBytes(KERNELS_COPY.toPath()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The variable's value for {@code args}, taken from {@code cmdline} (NUL-terminated pieces, the arguments last); null
     * where nothing was lost (no byte outside ASCII) or the pieces do not match the arguments (an {@code @argfile}).
     */
    static String encode(String[] args, byte[] cmdline) {
        if (cmdline == null || args.length == 0) {
            return null;
        }
        List<byte[]> pieces = split(cmdline);
        if (pieces.size() < args.length) {
            return null;
        }
        List<byte[]> last = pieces.subList(pieces.size() - args.length, pieces.size());
        boolean lost = false;
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            byte[] piece = last.get(i);
            if (!asciiSkeleton(piece).equals(asciiSkeleton(args[i]))) {
                return null;
            }
            for (byte b : piece) {
                lost |= b < 0;
            }
            value.append(i == 0 ? "" : ",").append(Base64.getEncoder().encodeToString(piece));
        }
        return lost ? value.toString() : null;
    }

    /**
     * The arguments the first JVM was started with, decoded in {@code charset} (this JVM's for arguments); {@code args}
     * as they are where there is no {@code value}, or one that does not fit them.
     */
    static String[] restore(String[] args, String value, Charset charset) {
        if (value == null) {
            return args;
        }
        String[] encoded = value.split(",", -1);
        if (encoded.length != args.length) {
            return args;
        }
        String[] restored = new String[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                restored[i] = new String(Base64.getDecoder().decode(encoded[i]), charset);
            }
        } catch (IllegalArgumentException e) {
            return args;
        }
        return restored;
    }

    /** The charset this JVM decodes its arguments with. */
    static Charset argumentCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> pieces = new ArrayList<>();
        ByteArrayOutputStream piece = new ByteArrayOutputStream();
        for (byte b : cmdline) {
            if (b == 0) {
                pieces.add(piece.toByteArray());
                piece.reset();
            } else {
                piece.write(b);
            }
        }
        if (piece.size() > 0) {
            pieces.add(piece.toByteArray());
        }
        return pieces;
    }

    /** What any decoding keeps of an argument: its ASCII characters, but for the question marks one may have added. */
    private static String asciiSkeleton(byte[] piece) {
        StringBuilder kept = new StringBuilder();
        for (byte b : piece) {
            if (b > 0 && b != '?') {
                kept.append((char) b);
            }
        }
        return kept.toString();
    }

    private static String asciiSkeleton(String arg) {
        StringBuilder kept = new StringBuilder();
        for (char c : arg.toCharArray()) {
            if (c > 0 && c < 0x80 && c != '?') {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
