// Command tencentcloudidc-sim runs a local simulator of Tencent Cloud's Identity Center API
// (service organization, version 2021-03-31) for tests, demos and benchmarks.
//
// Once it listens it prints one JSON line to stdout and nothing else ever goes there:
//
//	{"endpoint":"127.0.0.1:PORT","scim_url":"http://127.0.0.1:PORT/scim/v2","zone_id":"…","secret_id":"…","secret_key":"…"}
//
// Logs go to stderr. SIGINT or SIGTERM stops it.
package main
