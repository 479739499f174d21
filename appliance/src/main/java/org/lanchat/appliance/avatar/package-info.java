/**
 * Avatars: uploaded images are decoded by the appliance (never trusted by name or extension), checked
 * for size and dimensions before their pixels are decoded, and re-encoded as a small square PNG. Users
 * without one get a generated pattern.
 */
package org.lanchat.appliance.avatar;
