/**
 * The entry point of LAN Chat's runnable jars (the appliance's and the {@code lanchat} command line's), compiled for
 * Java 8 so that whatever {@code java} a box has can load it: on Java 21 or newer it starts the program in the same
 * JVM, on an older one it starts it again with a JDK 21+ installed beside it (as on Debian 12, whose default
 * {@code java} is 17), or says in one sentence what to install.
 *
 * <p>A module of its own because nothing here may use an API newer than Java 8, and nothing in the programs should be
 * held to that; each program's jar carries these classes and names its main class in its manifest.
 */
package org.lanchat.launcher;
