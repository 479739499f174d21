/**
 * The jar's entry point, compiled for Java 8 so that whatever {@code java} a box has can load it: on Java 21 or newer it
 * starts the appliance in the same JVM, on an older one it starts it again with a JDK 21+ installed beside it (as on
 * Debian 12, whose default {@code java} is 17), or says in one sentence what to install.
 *
 * <p>Kept apart from the appliance's own code (its own source folder and compiler run) because nothing here may use
 * an API newer than Java 8, and nothing in the appliance should be held to that.
 */
package org.lanchat.appliance.launcher;
