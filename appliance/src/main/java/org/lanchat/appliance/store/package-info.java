/**
 * Persistence: a HikariCP pool over MySQL/MariaDB or the embedded H2 database, the schema migrated by
 * Flyway ({@code db/migration}), and one small class per table family. Parameterized SQL only. Every
 * SQL failure surfaces as {@link org.lanchat.appliance.store.StoreUnavailableException}, which the
 * session layer turns into a {@code store_unavailable} error without losing the connection.
 */
package org.lanchat.appliance.store;
