#!/usr/bin/env bash
# Renders every kustomize target in k8s/ and validates the result against the Kubernetes API schemas, offline
# (no cluster; only the Debian and npm registries are used, to install kubectl and the validator's packages).
#
#   bash k8s/validate.sh
#
# Steps: 1. kubectl (Debian's kubernetes-client if missing)  2. validator packages (npm ci, cached in
# k8s/validator/node_modules)  3. the dev overlay's tenant copies equal tenants/*.yaml  4. kubectl kustomize
# k8s/base, k8s/overlays/*  5. schema validation of every rendered object (types, required fields, unknown
# fields, unknown kinds)  6. policy checks on the renders  7. negative checks: a control manifest must pass and
# every k8s/validator/testdata/broken-*.yaml must FAIL, proving the validation can fail.
# Exit status 0 only when everything holds.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

fail() { echo "k8s/validate.sh: FAILED: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else fail "need root to run: $*"; fi; }

# 1. kubectl (renders with its built-in kustomize; the manifests support kustomize v2.0.3 and v5).
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl not found: installing Debian's kubernetes-client"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node/npm not found: installing Debian's nodejs and npm"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
kubectl_version=$(kubectl version --client 2>/dev/null | sed -n 1p | sed 's/^Client Version: //; s/.*GitVersion:"\([^"]*\)".*/\1/')

# 2. Validator packages, pinned by k8s/validator/package-lock.json; reinstalled only when the lock changes.
validator=k8s/validator
stamp="$validator/node_modules/.installed-package-lock.json"
if ! cmp -s "$validator/package-lock.json" "$stamp"; then
  echo "installing validator packages (npm ci)"
  (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in $validator"
  cp "$validator/package-lock.json" "$stamp"
fi

# 3. The dev overlay carries copies of the demo tenants (kustomize loads no file outside its root): they must
#    not drift from tenants/*.yaml.
copies=k8s/overlays/dev/tenants
for f in tenants/*.yaml; do
  cmp -s "$f" "$copies/$(basename "$f")" || fail "$copies/$(basename "$f") differs from $f (or is missing): cp tenants/*.yaml $copies/"
done
for f in "$copies"/*.yaml; do
  [ -f "tenants/$(basename "$f")" ] || fail "$f has no original in tenants/"
  grep -q "tenants/$(basename "$f")" k8s/overlays/dev/kustomization.yaml || fail "$f is not listed in k8s/overlays/dev/kustomization.yaml"
done

# 4. Render. Deprecation warnings of current kustomize for the v2-compatible fields are expected and hidden;
#    anything else on stderr is shown.
targets=(k8s/base k8s/overlays/*/)
rendered=()
for t in "${targets[@]}"; do
  t=${t%/}
  name=$(echo "$t" | sed 's|^k8s/||; s|/|-|g')
  kubectl kustomize "$t" >"$out/$name.yaml" 2>"$out/$name.err" || { cat "$out/$name.err" >&2; fail "kubectl kustomize $t"; }
  grep -v -e "^# Warning: '\(bases\|patchesStrategicMerge\)' is deprecated" -e '^$' "$out/$name.err" >&2 || true
  rendered+=("$out/$name.yaml")
done

# 5. Schema validation of every rendered object.
node "$validator/validate.mjs" "${rendered[@]}" | sed "s|$out/||" || fail "schema validation of the rendered manifests"
objects=$(cat "${rendered[@]}" | grep -c '^kind: ' || true)

# 6. Policy checks the schemas cannot express.
prod="$out/overlays-prod.yaml"
dev="$out/overlays-dev.yaml"
! grep -q '^kind: Secret$' "$prod" || fail "the prod overlay renders a Secret: prod secrets are managed outside Git"
grep -q 'name: social-crm-secrets$' "$prod" || fail "prod does not reference the Secret social-crm-secrets"
grep -q '^kind: Secret$' "$dev" || fail "the dev overlay must generate its fake Secret"
for f in "${rendered[@]}"; do
  for must in 'runAsNonRoot: true' 'readOnlyRootFilesystem: true' 'allowPrivilegeEscalation: false' \
              'type: RuntimeDefault' '- ALL' 'path: /q/health/live' 'path: /q/health/ready' 'path: /q/health/started'; do
    grep -q -- "$must" "$f" || fail "$(basename "$f"): missing '$must'"
  done
done
grep -q '^  replicas: 3$' "$prod" && grep -q '^  minReplicas: 3$' "$prod" && grep -q '^  maxReplicas: 20$' "$prod" \
  || fail "prod must run 3 replicas with an HPA from 3 to 20"
grep -q '^  replicas: 1$' "$dev" || fail "dev must run 1 replica"
citus="$out/overlays-citus.yaml"
! grep -q '^kind: Secret$' "$citus" || fail "the citus overlay renders a Secret: its secrets are managed outside Git"
grep -q '^kind: Job$' "$citus" && grep -q 'name: SCRM_MIGRATE_ONLY' "$citus" \
  || fail "the citus overlay must migrate through a Job with SCRM_MIGRATE_ONLY"

# 7. Negative checks: the validator must accept the control and reject every broken manifest.
node "$validator/validate.mjs" "$validator/testdata/valid-deployment.yaml" >/dev/null \
  || fail "the control manifest $validator/testdata/valid-deployment.yaml does not validate"
negatives=0
for f in "$validator"/testdata/broken-*.yaml; do
  set +e
  node "$validator/validate.mjs" "$f" >"$out/negative.log" 2>&1
  rc=$?
  set -e
  [ "$rc" = 1 ] || { cat "$out/negative.log" >&2; fail "$f was not rejected (exit $rc): the validation cannot fail"; }
  echo "  rejected as expected: $(basename "$f"): $(grep -m1 ': /\|: \.\|no schema\|no model' "$out/negative.log" | sed 's/^[^:]*: [^:]*: //')"
  negatives=$((negatives + 1))
done
[ "$negatives" -gt 0 ] || fail "no negative check found in $validator/testdata"

echo "k8s/validate.sh: OK: ${#rendered[@]} kustomize targets rendered (kubectl $kubectl_version), $objects objects valid against the Kubernetes schemas, $negatives broken manifests rejected ($((SECONDS - start)) s)"
