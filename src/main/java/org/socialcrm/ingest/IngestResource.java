package org.socialcrm.ingest;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.socialcrm.common.RestErrors;
import org.socialcrm.common.Network;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.common.IngestRejection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Bulk partner push: {@code POST /api/ingest/metrics} with a JSON array ({@code application/json}) or one point per
 * line ({@code application/x-ndjson}), at most {@value MetricIngest#MAX_POINTS} points. Same rules as the
 * ingestMetrics mutation: bearer token with metrics:write, X-Tenant-ID; answers
 * {@code {"accepted":n,"duplicates":n,"rejected":[{"index":i,"reason":"..."}]}}; 403 JSON for another tenant or a
 * missing scope (nothing written), 400 for a body that is not JSON, 413 for too many points.
 */
@Path("/api/ingest/metrics")
public class IngestResource {

    public static final String NDJSON = "application/x-ndjson";

    private final TenantRequests requests;
    private final MetricIngest ingest;
    private final ObjectMapper mapper;

    public IngestResource(TenantRequests requests, MetricIngest ingest, ObjectMapper mapper) {
        this.requests = requests;
        this.ingest = ingest;
        this.mapper = mapper;
    }

    private record Parsed(List<MetricPointInput> points, List<IngestRejection> rejected) {
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, NDJSON, MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> push(@HeaderParam("Content-Type") String contentType, String body) {
        Parsed parsed;
        try {
            parsed = contentType != null && contentType.toLowerCase().startsWith(NDJSON) ? ndjson(body) : array(body);
        } catch (IOException | IllegalArgumentException e) {
            return Uni.createFrom().item(RestErrors.json(400, new JsonObject().put("code", "BAD_USER_INPUT")
                    .put("message", "The body must be a JSON array of points, or NDJSON with Content-Type " + NDJSON + ".")));
        }
        if (parsed.points().size() > MetricIngest.MAX_POINTS) {
            return Uni.createFrom().item(RestErrors.json(413, new JsonObject().put("code", "BAD_USER_INPUT")
                    .put("message", "At most " + MetricIngest.MAX_POINTS + " points per request.")));
        }
        return requests.mutate(Permission.WRITE_METRICS, "metrics.ingest",
                (scope, connection) -> ingest.ingest(connection, parsed.points(), parsed.rejected(), "partner"), result -> null)
                .map(result -> RestErrors.json(200, toJson(result)));
    }

    private Parsed array(String body) throws IOException {
        JsonNode root = mapper.readTree(body == null ? "" : body);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not an array");
        }
        List<MetricPointInput> points = new ArrayList<>();
        List<IngestRejection> rejected = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            convert(root.get(i), i, points, rejected);
        }
        return new Parsed(points, rejected);
    }

    private Parsed ndjson(String body) {
        List<MetricPointInput> points = new ArrayList<>();
        List<IngestRejection> rejected = new ArrayList<>();
        int index = 0;
        for (String line : (body == null ? "" : body).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (index >= MetricIngest.MAX_POINTS) {
                points.add(null);
                index++;
                continue;
            }
            try {
                convert(mapper.readTree(line), index, points, rejected);
            } catch (IOException e) {
                points.add(null);
                rejected.add(new IngestRejection(index, "not a JSON object"));
            }
            index++;
        }
        return new Parsed(points, rejected);
    }

    /** Adds the point at {@code index}: the input, or null plus a rejection when its fields have the wrong types. */
    private static void convert(JsonNode node, int index, List<MetricPointInput> points, List<IngestRejection> rejected) {
        try {
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String identityId = text(node, "identityId");
            String networkName = text(node, "network");
            Network network = networkName == null ? null : Network.valueOf(networkName.toUpperCase());
            JsonNode value = node.get("value");
            if (value != null && !value.isNull() && !value.isNumber()) {
                throw new IllegalArgumentException("value must be a number");
            }
            String observed = text(node, "observedAt");
            points.add(new MetricPointInput(identityId, network, text(node, "handle"), text(node, "metric"),
                    observed == null ? null : OffsetDateTime.parse(observed),
                    value == null || value.isNull() ? null : value.doubleValue()));
        } catch (DateTimeParseException e) {
            points.add(null);
            rejected.add(new IngestRejection(index, "observedAt must be an ISO-8601 date-time with offset"));
        } catch (IllegalArgumentException e) {
            points.add(null);
            String message = e.getMessage() != null && !e.getMessage().startsWith("No enum") ? e.getMessage() : "unknown network";
            rejected.add(new IngestRejection(index, message));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber() && "identityId".equals(field)) {
            return value.asText();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }

    static JsonObject toJson(IngestResult result) {
        JsonArray rejected = new JsonArray();
        result.rejected().forEach(r -> rejected.add(new JsonObject().put("index", r.index()).put("reason", r.reason())));
        return new JsonObject().put("accepted", result.accepted()).put("duplicates", result.duplicates()).put("rejected", rejected);
    }

}
