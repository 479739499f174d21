/**
 * The desktop app's languages: every user-visible text comes from a resource bundle here, English and Simplified
 * Chinese, with the same keys in both (a test checks that no key is missing from either).
 */
package org.lanchat.client.i18n;
