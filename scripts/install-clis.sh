#!/usr/bin/env bash
# Builds the three CLIs the acceptance tests run on, from the Go module proxy, into a cache
# directory outside the checkout so that clean clones (CI) and later runs reuse them.
#   OpenTofu 1.12.6   bin/tofu            (newest features: identity, functions, write-only)
#   Terraform 1.5.7   bin/terraform       (the last MPL release; many teams pin it)
#   Terraform 1.8.5   bin/terraform-1.8   (the newest the proxy can build: 1.9 and later carry
#                                          replace directives to nested modules it does not
#                                          serve; 1.8 has provider functions and moved blocks
#                                          across providers)
# Idempotent: a CLI that is already present at the right version is not rebuilt.
# Usage: scripts/install-clis.sh [tofu] [terraform] [terraform-1.8]   (no argument: all three)
set -euo pipefail
want="${*:-tofu terraform terraform-1.8}"

TOFU_VERSION="${TOFU_VERSION:-1.12.6}"
TERRAFORM_VERSION="${TERRAFORM_VERSION:-1.5.7}"
TERRAFORM18_VERSION="${TERRAFORM18_VERSION:-1.8.5}"
TOOLS="${TENCENTCLOUDIDC_TOOLS:-$HOME/.cache/terraform-provider-tencentcloudidc}"
BIN="$TOOLS/bin"
mkdir -p "$BIN"

# This machine may export TF_CLI_CONFIG_FILE pointing at a missing file; tofu then prints a
# warning that breaks version parsing. Nothing here needs a CLI config.
unset TF_CLI_CONFIG_FILE

# The CLIs print more than one line; reading only the first through a pipe (head -1) would kill
# them with SIGPIPE, which pipefail turns into a failure. Capture the whole output instead.
first_line() { # $1 binary: first line of "$1 version"
  local out
  out=$("$1" version 2>/dev/null) || return 1
  printf '%s\n' "${out%%$'\n'*}"
}

have_version() { # $1 binary, $2 version
  [ -x "$1" ] || return 1
  local line
  line=$(first_line "$1") || return 1
  [[ "$line" == *"v$2" ]]
}

log() { printf 'install-clis: %s\n' "$*" >&2; }

wants() { case " $want " in *" $1 "*) return 0 ;; esac; return 1; }

if ! wants terraform; then
  :
elif have_version "$BIN/terraform" "$TERRAFORM_VERSION"; then
  log "terraform $TERRAFORM_VERSION present at $BIN/terraform"
else
  log "building terraform $TERRAFORM_VERSION from the Go module proxy (a few minutes cold)"
  GOBIN="$BIN" GOFLAGS=-mod=mod CGO_ENABLED=0 go install -trimpath "github.com/hashicorp/terraform@v$TERRAFORM_VERSION"
  have_version "$BIN/terraform" "$TERRAFORM_VERSION" || { log "terraform build did not report v$TERRAFORM_VERSION"; exit 1; }
fi

if ! wants terraform-1.8; then
  :
elif have_version "$BIN/terraform-1.8" "$TERRAFORM18_VERSION"; then
  log "terraform $TERRAFORM18_VERSION present at $BIN/terraform-1.8"
else
  # Without version.dev=no the build reports v1.8.5-dev.
  log "building terraform $TERRAFORM18_VERSION from the Go module proxy (about 3 minutes cold)"
  tmpbin=$(mktemp -d)
  GOBIN="$tmpbin" GOFLAGS=-mod=mod CGO_ENABLED=0 go install -trimpath \
    -ldflags "-X github.com/hashicorp/terraform/version.dev=no" \
    "github.com/hashicorp/terraform@v$TERRAFORM18_VERSION"
  mv "$tmpbin/terraform" "$BIN/terraform-1.8" && rmdir "$tmpbin"
  have_version "$BIN/terraform-1.8" "$TERRAFORM18_VERSION" || { log "terraform build did not report v$TERRAFORM18_VERSION"; "$BIN/terraform-1.8" version || true; exit 1; }
fi

if ! wants tofu; then
  :
elif have_version "$BIN/tofu" "$TOFU_VERSION"; then
  log "tofu $TOFU_VERSION present at $BIN/tofu"
else
  # OpenTofu's go.mod carries a replace directive, so `go install pkg@version` refuses it:
  # download the module, copy it somewhere writable and build it there.
  log "building tofu $TOFU_VERSION from the Go module proxy (about 3 minutes cold)"
  dir=$(go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] && [ -d "$dir" ] || { log "could not download github.com/opentofu/opentofu@v$TOFU_VERSION"; exit 1; }
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  cp -r "$dir/." "$work/src"
  chmod -R u+w "$work/src"
  (cd "$work/src" && CGO_ENABLED=0 go build -trimpath \
      -ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
      -o "$BIN/tofu" ./cmd/tofu)
  have_version "$BIN/tofu" "$TOFU_VERSION" || { log "tofu build did not report v$TOFU_VERSION"; "$BIN/tofu" version || true; exit 1; }
fi

for cli in $want; do first_line "$BIN/$cli" >&2; done
