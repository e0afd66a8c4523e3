// Package acctest is the acceptance-test harness: it picks the Terraform or OpenTofu CLI a
// test run drives, starts an in-process Identity Center simulator per test, and writes the
// provider configuration that points at it. Tests run against the real service instead when
// TF_ACC_REAL=1 and TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY are set.
//
// It is also the one home of the small checks several test files share: the simulator's call
// counts and state-changing calls (stats.go) and matching CLI output across its line wrapping
// (words.go). It imports testing, so only tests may import it.
package acctest
