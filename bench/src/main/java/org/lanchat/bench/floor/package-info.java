/**
 * The store floor: the appliance's message inserts and commits on its own database, with no server in front, as
 * the bound no durable chat server on that store can pass.
 */
package org.lanchat.bench.floor;
