package org.lanchat.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;

/**
 * About people: who is online (presence and the roster, with each one's state), display names and avatars
 * (docs/PROTOCOL.md §6.6, §6.7, §6.10, §6.16).
 */
public sealed interface ProfileMessage extends ServerMessage {
    /**
     * Who came online ({@code joined}) or went offline ({@code left}) since the last event, and the new count.
     * {@code displayNames} maps each user in {@code joined} who has a display name to it (§7.17); absent when
     * none has. {@code states} maps each user in {@code joined} whose state is not plain available, and each
     * user online whose state or status text changed since the last event, to their state (§7.20); absent when
     * there is none, so a chat where nobody uses states sends what it sent before them.
     */
    @JsonTypeName("presence")
    record Presence(List<String> joined, List<String> left, int count,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> displayNames,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, UserState> states)
            implements ProfileMessage {
        public Presence {
            joined = List.copyOf(joined);
            left = List.copyOf(left);
            displayNames = displayNames == null ? Map.of() : Map.copyOf(displayNames);
            states = UserState.sorted(states);
        }

        public Presence(List<String> joined, List<String> left, int count, Map<String, String> displayNames) {
            this(joined, left, count, displayNames, Map.of());
        }

        public Presence(List<String> joined, List<String> left, int count) {
            this(joined, left, count, Map.of(), Map.of());
        }
    }

    /**
     * Everyone online, sorted by name; {@code id} is absent when pushed. {@code displayNames} maps each listed
     * user who has a display name to it (§7.17); absent when none has. {@code states} maps each listed user whose
     * state is not plain available (§7.20); absent when there is none. A roster too large for one frame comes as
     * consecutive parts, each listing the next users, all but the last with {@code hasMore}, which is present
     * only when true: a roster in one frame encodes as it did before parts.
     */
    @JsonTypeName("roster")
    record Roster(String id, List<String> users, int count,
                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> displayNames,
                  @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, UserState> states,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hasMore)
            implements ProfileMessage {
        public Roster {
            users = List.copyOf(users);
            hasMore = Boolean.TRUE.equals(hasMore) ? Boolean.TRUE : null;
            displayNames = displayNames == null ? Map.of() : Map.copyOf(displayNames);
            states = UserState.sorted(states);
        }

        public Roster(String id, List<String> users, int count, Map<String, String> displayNames,
                      Map<String, UserState> states) {
            this(id, users, count, displayNames, states, null);
        }

        /** Whether more parts of this roster follow. */
        public boolean more() {
            return Boolean.TRUE.equals(hasMore);
        }

        public Roster(String id, List<String> users, int count, Map<String, String> displayNames) {
            this(id, users, count, displayNames, Map.of(), null);
        }

        public Roster(String id, List<String> users, int count) {
            this(id, users, count, Map.of(), Map.of(), null);
        }
    }

    /**
     * One user's presence state in {@code roster} and {@code presence} (§7.20): {@code state} is a
     * {@link PresenceState} wire name (read it with {@link PresenceState#reported}, which shows a state this
     * client does not know as available); {@code statusText} is absent when the user has none.
     */
    record UserState(String state, String statusText) {
        /** What a user who never chose a state has; {@code roster} and {@code presence} leave it out. */
        public static final UserState DEFAULT = new UserState(PresenceState.AVAILABLE.wireName(), null);

        public static UserState of(PresenceState state, String statusText) {
            return new UserState(state.wireName(), statusText);
        }

        public PresenceState presenceState() {
            return PresenceState.reported(state);
        }

        @JsonIgnore
        public boolean isDefault() {
            return DEFAULT.equals(this);
        }

        /**
         * Sorted by login name ignoring case, as the lists of names beside them are, so one roster always encodes
         * to the same bytes.
         */
        static Map<String, UserState> sorted(Map<String, UserState> states) {
            if (states == null || states.isEmpty()) {
                return Map.of();
            }
            java.util.TreeMap<String, UserState> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            byName.putAll(states);
            return java.util.Collections.unmodifiableMap(byName);
        }
    }

    /**
     * A user's display name (§7.17): the reply to {@code set_profile}, with its {@code id}, and the event
     * pushed to every logged-in connection when a user sets or clears theirs, without one.
     * {@code displayName} is absent when the user has none (the login name is shown).
     */
    @JsonTypeName("profile")
    record Profile(String id, String username, String displayName) implements ProfileMessage {
    }

    /** One user's display name in {@code profiles}; {@code displayName} absent when the user has none. */
    record UserProfile(String username, String displayName) {
    }

    /** Reply to {@code get_profiles}: one entry per existing user asked about, in the order asked; unknown names are left out. */
    @JsonTypeName("profiles")
    record Profiles(String id, List<UserProfile> profiles) implements ProfileMessage, Reply {
        public Profiles {
            profiles = List.copyOf(profiles);
        }
    }

    /**
     * Reply to {@code get_avatar}. {@code hash} (SHA-256 of the image, hex) identifies the picture for
     * caching; {@code image} is absent when it equals the request's {@code ifNoneMatch}.
     * {@code generated} is true for the default avatar of a user who never set one.
     */
    @JsonTypeName("avatar")
    record Avatar(String id, String username, String hash, String contentType, byte[] image, boolean generated)
            implements ProfileMessage, Reply {
    }
}
