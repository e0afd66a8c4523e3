package idc

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// LogSubsystem is the tflog subsystem every API call logs under. Its level follows
// TF_LOG_PROVIDER_TENCENTCLOUD_API when set, else the provider's own level.
const LogSubsystem = "tencentcloud_api"

const redacted = "***REDACTED***"

// sensitiveKeys are JSON keys whose values never reach a log line, in any letter case and at any
// depth: the SCIM bearer secret, API and temporary secret keys, session tokens and passwords.
// X509Certificate is public material and stays visible.
var sensitiveKeys = map[string]bool{
	"credentialsecret": true,
	"secretkey":        true,
	"tmpsecretkey":     true,
	"token":            true,
	"securitytoken":    true,
	"password":         true,
}

// logContext creates the subsystem logger on ctx (so it works from any provider ctx) and masks
// the given secret strings wherever they would appear in a field or message.
func logContext(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.NewSubsystem(ctx, LogSubsystem, tflog.WithLevelFromEnv("TF_LOG_PROVIDER", LogSubsystem))
	var masks []string
	for _, s := range secrets {
		// An empty mask string would match everywhere and garble every line.
		if s != "" {
			masks = append(masks, s)
		}
	}
	if len(masks) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, LogSubsystem, masks...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, LogSubsystem, masks...)
	}
	return tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, LogSubsystem, "CredentialSecret", "SecretKey", "Token", "Password")
}

// redactJSON returns raw with every sensitive value replaced. Input that is not JSON is not
// logged at all: it cannot be redacted reliably.
func redactJSON(raw []byte) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "(not JSON, not logged)"
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return "(not logged)"
	}
	return string(out)
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if sensitiveKeys[strings.ToLower(k)] {
				if s, ok := val.(string); ok && s == "" {
					continue
				}
				t[k] = redacted
				continue
			}
			t[k] = redactValue(val)
		}
		return t
	case []any:
		for i, val := range t {
			t[i] = redactValue(val)
		}
		return t
	}
	return v
}
