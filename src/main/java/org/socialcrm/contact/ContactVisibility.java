package org.socialcrm.contact;

/**
 * Which contacts the current caller may see. Most callers see every contact of the tenant; a feature that confines a
 * role to some contacts (field work: crm-field sees the contacts of its turfs) implements this, and every contact read
 * of this package goes through it. The condition is SQL over alias {@code c}, its values bound parameters.
 */
public interface ContactVisibility {

    /** Whether the current caller sees only some contacts (then a contact it cannot see is NOT_FOUND). */
    boolean confined();

    /** The query, restricted to the contacts the current caller may see (unchanged when not {@link #confined}). */
    ContactQuery restrict(ContactQuery query);
}
