#!/usr/bin/env bash
# Checks that every configuration under examples/ is valid HCL for the provider as built from
# this checkout: `tofu init` (offline, from a local plugin directory) and `tofu validate`.
# The guides quote examples/guides/*/ and the registry pages quote the other examples, so a
# renamed attribute or a typo there fails here instead of on a user's machine.
#
#   examples/complete, examples/guides/*       each directory as one configuration
#   examples/provider/provider*.tf             each file on its own (they are alternatives)
#   examples/{resources,data-sources}/*/       each resource*.tf / data-source*.tf on its own
#                                              (variants), then each import-by-*.tf together
#                                              with resource.tf; files that are not .tf (the
#                                              metadata and certificates they read) come along
#   examples/functions/*/function*.tf
#
# Files without a required_providers block get one for tencentcloudidc/tencentcloudidc, as a
# real configuration would have. Nothing here touches the network or a cloud account.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${TENCENTCLOUDIDC_TOOLS:-$HOME/.cache/terraform-provider-tencentcloudidc}"
TOFU="$TOOLS/bin/tofu"
[ -x "$TOFU" ] || { echo "validate-examples: $TOFU is missing: run make clis" >&2; exit 1; }
unset TF_CLI_CONFIG_FILE
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plugins="$work/plugins"
plugin_dir="$plugins/registry.opentofu.org/tencentcloudidc/tencentcloudidc/0.0.1/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$plugin_dir"
go build -o "$plugin_dir/terraform-provider-tencentcloudidc" .
# One plugin cache for every init, so each configuration costs a link rather than a copy.
export TF_PLUGIN_CACHE_DIR="$work/plugin-cache"
mkdir -p "$TF_PLUGIN_CACHE_DIR"

required_providers='terraform {
  required_providers {
    tencentcloudidc = {
      source = "tencentcloudidc/tencentcloudidc"
    }
  }
}
'

failed=0
checked=0

# check NAME FILE-OR-DIR...: copies the files (or whole directories) into a fresh configuration,
# adds required_providers when none of them declares it, then runs init and validate.
check() {
  local name=$1
  shift
  local dir="$work/cfg/$checked"
  mkdir -p "$dir"
  local src
  for src in "$@"; do
    if [ -d "$src" ]; then
      cp -R "$src/." "$dir/"
    else
      cp "$src" "$dir/"
    fi
  done
  rm -rf "$dir/.terraform" "$dir/.terraform.lock.hcl" "$dir"/*.tfstate*
  if ! grep -qs 'required_providers' "$dir"/*.tf; then
    printf '%s' "$required_providers" >"$dir/zz_required_providers.tf"
  fi
  checked=$((checked + 1))
  local out
  if ! out=$(cd "$dir" && "$TOFU" init -backend=false -input=false -no-color -plugin-dir="$plugins" 2>&1); then
    printf 'validate-examples: FAIL %s (init)\n%s\n' "$name" "$out" >&2
    failed=$((failed + 1))
    return
  fi
  if ! out=$(cd "$dir" && "$TOFU" validate -no-color 2>&1); then
    printf 'validate-examples: FAIL %s\n%s\n' "$name" "$out" >&2
    failed=$((failed + 1))
    return
  fi
  printf 'validate-examples: ok   %s\n' "$name"
}

for dir in examples/complete examples/guides/*/; do
  [ -d "$dir" ] && check "${dir%/}" "$dir"
done

for f in examples/provider/provider*.tf; do
  [ -f "$f" ] && check "$f" "$f"
done

# data_files DIR: the files of an example directory that are not Terraform configuration.
data_files() {
  local f
  for f in "$1"*; do
    [ -f "$f" ] && [[ "$f" != *.tf && "$f" != *.sh ]] && printf '%s\n' "$f"
  done
}

for kind in resources data-sources functions; do
  case $kind in
    resources) prefix=resource ;;
    data-sources) prefix=data-source ;;
    functions) prefix=function ;;
  esac
  for dir in examples/$kind/*/; do
    [ -d "$dir" ] || continue
    mapfile -t data < <(data_files "$dir")
    for main in "$dir$prefix"*.tf; do
      [ -f "$main" ] && check "$main" "$main" "${data[@]}"
    done
    for imp in "$dir"import-by-*.tf; do
      [ -f "$imp" ] && check "$imp" "$dir$prefix.tf" "$imp" "${data[@]}"
    done
  done
done

if [ "$failed" -gt 0 ]; then
  echo "validate-examples: $failed of $checked configurations are invalid" >&2
  exit 1
fi
echo "validate-examples: all $checked configurations are valid"
