/**
 * Running under a service manager: readiness, status lines and a watchdog for systemd's
 * {@code Type=notify} service, fed only while a real liveness check passes. Outside systemd every
 * notification is a no-op, so the same code runs from a terminal, in tests and in the packaged service.
 */
package org.lanchat.appliance.service;
