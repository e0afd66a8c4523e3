package provider

import (
	"context"
)

// ctxBackground is for check functions, which get no test context.
func ctxBackground() context.Context { return context.Background() }
