package org.socialcrm.placement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotSupportedException;

import io.agroal.api.AgroalDataSource;

/**
 * Reads and changes which Citus worker holds a tenant schema ({@code citus_schema_move}). Blocking (JDBC): callers
 * run it on a worker thread. On plain PostgreSQL every operation answers NOT_SUPPORTED.
 */
@ApplicationScoped
public class TenantMover {

    private static final Logger LOG = Logger.getLogger(TenantMover.class);
    private static final String PLACEMENT = """
            select sh.nodename, sh.nodeport from pg_dist_schema s
              join pg_dist_partition p on p.colocationid = s.colocationid
              join citus_shards sh on sh.table_name = p.logicalrelid
             where s.schemaid = ?::regnamespace
             limit 1""";
    private static final String WORKER = """
            select nodename, nodeport from pg_dist_node
             where nodename = ? and nodeport = ? and isactive and noderole = 'primary' and shouldhaveshards""";

    private final AgroalDataSource dataSource;
    private final PlacementConfig config;

    public TenantMover(AgroalDataSource dataSource, PlacementConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The node holding the schema ("host:port"), empty when Citus does not distribute it (no table yet). */
    public Optional<String> nodeOf(String schema) {
        try (Connection c = dataSource.getConnection()) {
            requireCitus(c);
            return placement(c, schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tenant's placement", e);
        }
    }

    /** Moves the schema to the worker {@code host:port}; returns the node that holds it afterwards. */
    public String move(String schema, String toNode) {
        try (Connection c = dataSource.getConnection()) {
            requireCitus(c);
            Node target = Node.parse(toNode);
            if (!isWorker(c, target)) {
                throw new BadUserInputException("toNode", "is not an active worker of the cluster");
            }
            String from = placement(c, schema).orElseThrow(() -> new NotSupportedException("The tenant's schema is not distributed."));
            if (from.equals(target.toString())) {
                return from;
            }
            long started = System.nanoTime();
            c.setAutoCommit(true); // logical replication cannot run inside a transaction block
            try (PreparedStatement ps = c.prepareStatement(
                    "select citus_schema_move(?::regnamespace, ?, ?, shard_transfer_mode => ?)")) {
                ps.setString(1, schema);
                ps.setString(2, target.host());
                ps.setInt(3, target.port());
                // untyped, so PostgreSQL takes the parameter's enum type (the app role has no USAGE on schema citus)
                ps.setObject(4, config.transferMode(), Types.OTHER);
                ps.execute();
            }
            LOG.infof("Moved schema %s from %s to %s in %d ms", schema, from, target, (System.nanoTime() - started) / 1_000_000);
            return placement(c, schema).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not move the tenant", e);
        }
    }

    private static void requireCitus(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from pg_extension where extname = 'citus')");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                throw new NotSupportedException("Tenant placement needs a Citus cluster; this database is a single PostgreSQL.");
            }
        }
    }

    private static Optional<String> placement(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PLACEMENT)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Node(rs.getString(1), rs.getInt(2)).toString()) : Optional.empty();
            }
        }
    }

    private static boolean isWorker(Connection c, Node node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WORKER)) {
            ps.setString(1, node.host());
            ps.setInt(2, node.port());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A worker as host:port. */
    record Node(String host, int port) {

        static Node parse(String text) {
            int colon = text == null ? -1 : text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1 || text.length() > 300) {
                throw new BadUserInputException("toNode", "must be host:port of a worker");
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Node(text.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw new BadUserInputException("toNode", "must be host:port of a worker");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
