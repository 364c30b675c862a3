package org.socialcrm.profile;

import org.socialcrm.common.RetryableConflict;

/**
 * A matching key (email, phone, external id, handle) that this transaction's match did not see was taken by another
 * transaction that committed meanwhile (two import lanes, or an import beside upsertContacts). Writing on would give
 * one person two contacts, so the transaction must roll back; run again, its match sees the other's contact.
 */
public class KeyTakenConcurrently extends RetryableConflict {

    private static final long serialVersionUID = 1L;

    public KeyTakenConcurrently(String table) {
        super("a key in " + table + " was taken by a concurrent transaction");
    }
}
