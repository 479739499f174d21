/**
 * Persistence: a HikariCP pool over MySQL/MariaDB or the embedded H2 database, the schema migrated by
 * Flyway ({@code db/migration}), and one small class per table family. The group-commit writer and the
 * login hand-over see the message tables through the narrow interfaces
 * {@link org.lanchat.appliance.store.MessageJournal} and {@link org.lanchat.appliance.store.PendingDeliveries},
 * so they can be tested without a database. Parameterized SQL only. Every
 * SQL failure surfaces as {@link org.lanchat.appliance.store.StoreUnavailableException}, which the
 * session layer turns into a {@code store_unavailable} error without losing the connection.
 */
package org.lanchat.appliance.store;
