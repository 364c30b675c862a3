package org.socialcrm.graphql;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.common.UnauthenticatedException;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.security.TenantRequests;

import graphql.execution.ExecutionContext;
import graphql.execution.MergedSelectionSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * Runs compiled reads like any other tenant read ({@link TenantRequests#read}: the caller's tenant and READ
 * permission, the tenant's rate limits, its transaction and search_path, here sent in one round trip) and counts how
 * reads were served.
 */
@Startup
@ApplicationScoped
public class CompiledReads {

    private static final Logger LOG = Logger.getLogger(CompiledReads.class);
    static final String METRIC = "scrm.graphql.compiled.reads";

    private final TenantRequests requests;
    private final CompiledSchema schema;
    private final TenantAccess access;
    private final Counter compiled;
    private final Counter declined;
    private final Counter fellBack;
    private final Counter failed;
    private final CompiledStatements statements;

    public CompiledReads(TenantRequests requests, CompiledSchema schema, TenantAccess access, MeterRegistry registry,
            CompiledReadsConfig config) {
        this.requests = requests;
        this.schema = schema;
        this.access = access;
        this.statements = new CompiledStatements(config.statements(), config.pageRows());
        this.compiled = counter(registry, "compiled");
        this.declined = counter(registry, "declined");
        this.fellBack = counter(registry, "fallback");
        this.failed = counter(registry, "failed");
    }

    /** The bean, for the execution strategy that graphql-java (not CDI) holds. */
    static CompiledReads current() {
        return Arc.container().instance(CompiledReads.class).get();
    }

    /**
     * The operation compiled, its statement taken from those kept per document when a request of the same shape
     * compiled it before.
     *
     * @throws NotCompilable when the operation does not compile
     */
    CompiledRead compile(ExecutionContext context, MergedSelectionSet rootFields) {
        return statements.compile(context, rootFields, schema);
    }

    /** The statement's rows, or null when the tenant admits no compiled read (the caller goes the general way). */
    Uni<RowSet<Row>> run(CompiledRead read) {
        return requests.read(Permission.READ, read::admits, read.sql(), read.params()).onFailure().invoke(failure -> LOG.debugf("Compiled read failed (%s): %s", failure, read.sql()));
    }

    /**
     * Whether the caller sees only some contacts (crm-field): its reads go the general way, whose resolvers restrict
     * every contact they read (contact.ContactVisibility); a compiled statement would read past them.
     */
    boolean confined() {
        try {
            return access.caller().fieldWorkerOnly();
        } catch (UnauthenticatedException e) {
            return false; // the read itself answers UNAUTHENTICATED
        }
    }

    CompiledStatements statements() {
        return statements;
    }

    void compiled() {
        compiled.increment();
    }

    void declined() {
        declined.increment();
    }

    void fellBack() {
        fellBack.increment();
    }

    void failed() {
        failed.increment();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METRIC).description("GraphQL query operations by how they were served: compiled to one "
                + "statement, declined (general path), fallen back after a refusal, or failed in the database (not run again)")
                .tag("outcome", outcome).register(registry);
    }
}
