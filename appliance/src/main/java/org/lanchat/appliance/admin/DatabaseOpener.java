package org.lanchat.appliance.admin;

import org.lanchat.appliance.store.Database;

/** Opens the appliance's database for one admin operation; the caller closes it. */
@FunctionalInterface
public interface DatabaseOpener {
    Database open();
}
