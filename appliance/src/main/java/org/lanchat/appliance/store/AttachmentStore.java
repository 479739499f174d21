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

    /** Records a stored file (once; a second upload of the same bytes changes nothing) and that this user sent it. */
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
                    "INSERT IGNORE INTO attachment_uploaders (file_id, user_id) VALUES (?, ?)")) {
                insert.setString(1, file.fileId());
                insert.setLong(2, uploaderId);
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

    /** Retention counts from the last time a file was sent. */
    public void sent(String fileId, long now) {
        db.query("noting a file was sent", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE attachments SET last_sent_at = ? WHERE file_id = ?")) {
                update.setLong(1, now);
                update.setString(2, fileId);
                return update.executeUpdate();
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

    /** Forgets a file (its bytes are deleted by the caller); messages keep naming it, and downloads then fail. */
    public void forget(String fileId) {
        db.query("forgetting an expired file", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM attachment_uploaders WHERE file_id = ?")) {
                delete.setString(1, fileId);
                delete.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM attachments WHERE file_id = ?")) {
                delete.setString(1, fileId);
                return delete.executeUpdate();
            }
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
