package org.lanchat.discovery;

/**
 * Hears about appliances coming, changing and going. Calls arrive one at a time, in order, on a single
 * discovery thread: keep them short and hand real work to another thread.
 */
public interface ApplianceListener {

    /** A newly found and fully resolved appliance; on registration, also once for each one already known. */
    default void added(DiscoveredAppliance appliance) {
    }

    /** A known appliance changed addresses, port or TXT; the argument is the new state. */
    default void updated(DiscoveredAppliance appliance) {
    }

    /** The appliance said goodbye, or its records expired; the argument is its last known state. */
    default void removed(DiscoveredAppliance appliance) {
    }
}
