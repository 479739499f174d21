package org.lanchat.appliance.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;

/**
 * Gives files that an admin command created as root back to the service's user. Admin commands run as
 * root; the appliance runs as its own user and could not open a database file or backup that root owns.
 */
final class FileOwnership {
    private FileOwnership() {
    }

    /** Makes everything under {@code dir} (itself excluded) owned like {@code dir}; a no-op unless run as root. */
    static void matchDirectoryOwner(Path dir) throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isDirectory(dir)) {
            return;
        }
        PosixFileAttributes owner = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal user = owner.owner();
        GroupPrincipal group = owner.group();
        if (user.getName().equals("root")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.skip(1).toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                PosixFileAttributes now = view.readAttributes();
                if (!now.owner().equals(user)) {
                    view.setOwner(user);
                }
                if (!now.group().equals(group)) {
                    view.setGroup(group);
                }
            }
        }
    }
}
