package org.lanchat.appliance.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanchat.appliance.core.AttachedFile;

/**
 * The {@code attachments} and {@code attachment_uploaders} tables (PROTOCOL.md §7.24): what is known about each stored
 * file, and who proved they hold it. The bytes themselves are files in the attachments directory.
 */
public final class AttachmentStore {
    private final Database db;

    public AttachmentStore(Database db) {
        this.db = db;
    }

    /** One user's record of having uploaded a file. */
    public record Uploader(String fileId, long userId) {
    }

    /**
     * Records a stored file (once; a second upload of the same bytes changes nothing) and that this user uploaded it
     * now, not yet sent by them.
     */
    public void stored(AttachedFile file, long uploaderId, long now) {
        db.query("recording a stored file", c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT IGNORE INTO attachments (file_id, size_bytes, media_type, width, height, stored_at, last_sent_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, file.fileId());
                insert.setLong(2, file.size());
                insert.setString(3, file.mediaType());
                setInt(insert, 4, file.width());
                setInt(insert, 5, file.height());
                insert.setLong(6, now);
                insert.setLong(7, now);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT IGNORE INTO attachment_uploaders (file_id, user_id, uploaded_at, sent) VALUES (?, ?, ?, FALSE)")) {
                insert.setString(1, file.fileId());
                insert.setLong(2, uploaderId);
                insert.setLong(3, now);
                return insert.executeUpdate();
            }
        });
    }

    /** The stored file, if there is one. */
    public Optional<AttachedFile> find(String fileId) {
        return db.query("loading a file's details", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT file_id, size_bytes, media_type, width, height FROM attachments WHERE file_id = ?")) {
                select.setString(1, fileId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Whether this user uploaded all of this file at some time (and so may send it, §7.24). */
    public boolean uploadedBy(String fileId, long userId) {
        return db.query("checking who uploaded a file", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT 1 FROM attachment_uploaders WHERE file_id = ? AND user_id = ?")) {
                select.setString(1, fileId);
                select.setLong(2, userId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * This user sends the file in a message: retention counts from now, and their upload is no longer one never sent
     * (which {@link #forgetNeverSent} gives up).
     */
    public void sent(String fileId, long userId, long now) {
        db.query("noting a file was sent", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE attachments SET last_sent_at = ? WHERE file_id = ?")) {
                update.setLong(1, now);
                update.setString(2, fileId);
                update.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE attachment_uploaders SET sent = TRUE WHERE file_id = ? AND user_id = ? AND sent = FALSE")) {
                update.setString(1, fileId);
                update.setLong(2, userId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Bytes of the stored files this user uploaded and has not sent in a message yet, each at its whole size however
     * many others uploaded it too: what counts against the account's share of the quota.
     */
    public long bytesNotSentBy(long userId) {
        return db.query("adding up a user's files not sent yet", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COALESCE(SUM(a.size_bytes), 0) FROM attachments a"
                    + " JOIN attachment_uploaders u ON u.file_id = a.file_id WHERE u.user_id = ? AND u.sent = FALSE")) {
                select.setLong(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Uploads completed before {@code cutoff} and never sent by their user, at most {@code limit} of them. */
    public List<Uploader> neverSentBefore(long cutoff, int limit) {
        return db.query("finding uploads never sent", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT file_id, user_id FROM attachment_uploaders"
                    + " WHERE sent = FALSE AND uploaded_at < ? ORDER BY uploaded_at LIMIT ?")) {
                select.setLong(1, cutoff);
                select.setInt(2, limit);
                List<Uploader> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Uploader(rows.getString(1), rows.getLong(2)));
                    }
                }
                return found;
            }
        });
    }

    /**
     * Forgets one user's upload if it is still never sent and completed before {@code cutoff} (the user may have sent
     * the file since it was found), and the file with it when no other user's upload of it is left. Returns whether
     * the file was forgotten: its bytes are then deleted by the caller.
     */
    public boolean forgetNeverSent(Uploader upload, long cutoff) {
        return db.query("forgetting an upload never sent", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM attachment_uploaders"
                    + " WHERE file_id = ? AND user_id = ? AND sent = FALSE AND uploaded_at < ?")) {
                delete.setString(1, upload.fileId());
                delete.setLong(2, upload.userId());
                delete.setLong(3, cutoff);
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM attachments WHERE file_id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM attachment_uploaders u WHERE u.file_id = ?)")) {
                delete.setString(1, upload.fileId());
                delete.setString(2, upload.fileId());
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Bytes of every stored file together. */
    public long totalBytes() {
        return db.query("adding up stored files", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COALESCE(SUM(size_bytes), 0) FROM attachments");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Files last sent before {@code cutoff}, at most {@code limit} of them. */
    public List<String> sentBefore(long cutoff, int limit) {
        return db.query("finding expired files", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT file_id FROM attachments WHERE last_sent_at < ? ORDER BY last_sent_at LIMIT ?")) {
                select.setLong(1, cutoff);
                select.setInt(2, limit);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /**
     * Forgets a file if it is still last sent before {@code cutoff} (it may have been sent since it was found), and
     * every upload of it. Returns whether it was forgotten: its bytes are then deleted by the caller; messages keep
     * naming it, and downloads then fail.
     */
    public boolean forgetUnsentSince(String fileId, long cutoff) {
        return db.query("forgetting an expired file", c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM attachments WHERE file_id = ? AND last_sent_at < ?")) {
                delete.setString(1, fileId);
                delete.setLong(2, cutoff);
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM attachment_uploaders WHERE file_id = ?")) {
                delete.setString(1, fileId);
                delete.executeUpdate();
            }
            return true;
        });
    }

    private static AttachedFile read(ResultSet rows) throws java.sql.SQLException {
        int width = rows.getInt(4);
        Integer w = rows.wasNull() ? null : width;
        int height = rows.getInt(5);
        Integer h = rows.wasNull() ? null : height;
        return new AttachedFile(rows.getString(1), rows.getLong(2), rows.getString(3), w, h);
    }

    private static void setInt(PreparedStatement statement, int index, Integer value) throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
