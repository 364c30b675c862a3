package org.socialcrm.tenancy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.socialcrm.common.BadUserInputException;

/** Reads tenants/*.yaml, one tenant per file, each file named after its slug. */
public final class TenantFileReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TenantFileReader() {
    }

    /** A file that could not be read or is invalid, with the reason. */
    public record Rejected(Path file, String reason) {
    }

    public record Result(List<TenantDefinition> definitions, List<Rejected> rejected) {
    }

    /** Reads every definition file; those invalid, or whose issuer the policy refuses, come back as rejected. */
    public static Result readDirectory(Path directory, TenantIssuerPolicy issuers) throws IOException {
        List<TenantDefinition> definitions = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Result(definitions, rejected);
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList()) {
                try {
                    TenantDefinition definition = parse(Files.readString(file));
                    String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                    if (!base.equals(definition.slug())) {
                        throw new BadUserInputException("slug", "must equal the file name (" + base + ")");
                    }
                    definitions.add(issuers.check(definition));
                } catch (IOException | RuntimeException e) {
                    rejected.add(new Rejected(file, e.getMessage()));
                }
            }
        }
        return new Result(definitions, rejected);
    }

    public static TenantDefinition parse(String yaml) throws IOException, BadUserInputException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new BadUserInputException("file", "is not a YAML mapping");
        }
        JsonNode agency = root.path("agency");
        String agencyId = agency.isObject() ? text(agency, "id") : text(root, "agency");
        String agencyName = agency.isObject() ? text(agency, "name") : null;
        List<LifecycleStageDefinition> stages = new ArrayList<>();
        for (JsonNode stage : root.path("lifecycleStages")) {
            stages.add(stage.isObject()
                    ? new LifecycleStageDefinition(text(stage, "key"),
                            stage.hasNonNull("label") ? text(stage, "label") : LifecycleStageDefinition.of(text(stage, "key")).label())
                    : LifecycleStageDefinition.of(stage.asText()));
        }
        String kind = text(root, "kind");
        TenantKind tenantKind;
        try {
            tenantKind = kind == null ? null : TenantKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("kind", "must be BRAND, CAMPAIGN or CLIENT");
        }
        JsonNode oidc = root.path("oidc");
        return new TenantDefinition(text(root, "slug"), text(root, "name"), tenantKind, agencyId,
                agencyName, stages, oidc.isObject() ? text(oidc, "issuer") : null).validate();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
