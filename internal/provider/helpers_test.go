package provider

import (
	"context"
	"testing"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/acctest"
)

// ctxBackground is for check functions, which get no test context.
func ctxBackground() context.Context { return context.Background() }

// testAccCheckNoMutatingCalls fails when the simulator received any call that changes state:
// bad input must be caught at plan time, before anything is sent.
func testAccCheckNoMutatingCalls(t *testing.T, env *acctest.Env) {
	t.Helper()
	if calls := env.MutatingCalls(); len(calls) > 0 {
		t.Errorf("the simulator received mutating calls: %v", calls)
	}
}
