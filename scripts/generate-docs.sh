#!/usr/bin/env bash
# Generates docs/ from the provider's schema, examples/ and templates/ with tfplugindocs.
# tfplugindocs would ask a Terraform on PATH (or the internet) for the schema; instead we take
# it from OpenTofu 1.12, whose `providers schema -json` includes provider functions and
# resource identities, which Terraform 1.5 does not know.
#
# With --validate it then runs `tfplugindocs validate` against the same schema: without
# --providers-schema, validate would build the provider and look for a Terraform on PATH, or
# download one, which a clean offline machine cannot do.
set -euo pipefail
validate=false
case "${1:-}" in
  --validate) validate=true ;;
  "") ;;
  *) echo "usage: $0 [--validate]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

TOOLS="${TENCENTCLOUDIDC_TOOLS:-$HOME/.cache/terraform-provider-tencentcloudidc}"
TOFU="$TOOLS/bin/tofu"
TFPLUGINDOCS="${TFPLUGINDOCS:?set TFPLUGINDOCS to the tfplugindocs binary (make generate does)}"
unset TF_CLI_CONFIG_FILE
export CHECKPOINT_DISABLE=1

"$TOFU" fmt -recursive examples/

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plugin_dir="$work/plugins/registry.opentofu.org/tencentcloudidc/tencentcloudidc/0.0.1/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$plugin_dir"
go build -o "$plugin_dir/terraform-provider-tencentcloudidc" .
cat > "$work/main.tf" <<'HCL'
terraform {
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}
HCL
(cd "$work" && TF_CLI_CONFIG_FILE=/dev/null "$TOFU" init -input=false -no-color -plugin-dir="$work/plugins" >/dev/null)
(cd "$work" && TF_CLI_CONFIG_FILE=/dev/null "$TOFU" providers schema -json) \
  | sed 's#"registry.opentofu.org/tencentcloudidc/tencentcloudidc"#"tencentcloudidc"#' > "$work/schema.json"

"$TFPLUGINDOCS" generate --provider-name tencentcloudidc --providers-schema "$work/schema.json"
if $validate; then
  "$TFPLUGINDOCS" validate --provider-name tencentcloudidc --providers-schema "$work/schema.json"
fi
