package org.socialcrm.profile;

import org.socialcrm.common.RetryableConflict;

/**
 * A contact this transaction's match found was deleted (erased, merged away) by another transaction that committed
 * before this one could lock it. Nothing may be written for it (its keys and history have no foreign key to catch
 * that, tenant migration V121), so the transaction rolls back; run again, its match no longer finds the contact.
 */
public class MatchedContactGone extends RetryableConflict {

    private static final long serialVersionUID = 1L;

    public MatchedContactGone() {
        super("a matched contact was deleted by a concurrent transaction");
    }
}
