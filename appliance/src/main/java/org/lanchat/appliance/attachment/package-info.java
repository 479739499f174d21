/**
 * Files and pictures sent in conversations (PROTOCOL.md §7.24): the content-addressed directory that holds their
 * bytes ({@link org.lanchat.appliance.attachment.FileVault}), resumable uploads checked against their SHA-256, the
 * picture check that makes thumbnails, and who may read which file. Not {@code appliance/files}, which is about the
 * permissions of the appliance's own private files.
 */
package org.lanchat.appliance.attachment;
