package org.lanchat.appliance.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The {@code avatars} table: one processed image per user. */
public final class AvatarStore {
    /** An avatar as stored: already decoded, checked and re-encoded by the appliance. */
    public record StoredAvatar(String contentType, String sha256, byte[] image) {
    }

    private final Database db;

    public AvatarStore(Database db) {
        this.db = db;
    }

    public void put(long userId, StoredAvatar avatar, long now) {
        db.query("saving an avatar", c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO avatars (user_id, content_type, sha256, image, updated_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON DUPLICATE KEY UPDATE content_type = VALUES(content_type), sha256 = VALUES(sha256), "
                            + "image = VALUES(image), updated_at = VALUES(updated_at)")) {
                upsert.setLong(1, userId);
                upsert.setString(2, avatar.contentType());
                upsert.setString(3, avatar.sha256());
                upsert.setBytes(4, avatar.image());
                upsert.setLong(5, now);
                return upsert.executeUpdate();
            }
        });
    }

    public Optional<StoredAvatar> find(long userId) {
        return db.query("loading an avatar", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT content_type, sha256, image FROM avatars WHERE user_id = ?")) {
                select.setLong(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new StoredAvatar(rows.getString(1), rows.getString(2), rows.getBytes(3)))
                            : Optional.empty();
                }
            }
        });
    }
}
