package org.lanchat.appliance.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.lanchat.protocol.message.ProfileMessage.UserState;

/**
 * The {@code presence_states} table (PROTOCOL §7.20): each account's chosen state and status text. An account with
 * no row is available with no text, so setting that default deletes the row.
 */
public final class PresenceStore {
    private final Database db;

    public PresenceStore(Database db) {
        this.db = db;
    }

    /** Stores the user's state, replacing what they had. */
    public void set(long userId, UserState state) {
        db.query("saving a presence state", c -> {
            if (state.isDefault()) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM presence_states WHERE user_id = ?")) {
                    delete.setLong(1, userId);
                    delete.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO presence_states (user_id, state, status_text) VALUES (?, ?, ?) "
                            + "ON DUPLICATE KEY UPDATE state = VALUES(state), status_text = VALUES(status_text)")) {
                upsert.setLong(1, userId);
                upsert.setString(2, state.state());
                upsert.setString(3, state.statusText());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** Every stored state that is not the default, by login name as registered. */
    public Map<String, UserState> all() {
        return db.query("reading presence states", c -> {
            Map<String, UserState> states = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT u.username, p.state, p.status_text FROM presence_states p JOIN users u ON u.id = p.user_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getString(1), new UserState(rows.getString(2), rows.getString(3)));
                }
            }
            return states;
        });
    }
}
