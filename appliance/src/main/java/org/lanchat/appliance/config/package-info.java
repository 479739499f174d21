/**
 * The appliance's settings: where each comes from (command line, then environment, then config file,
 * then default), and one validation at start-up whose messages name the setting and the limit.
 */
package org.lanchat.appliance.config;
