package acctest

import (
	"crypto/rand"
)

const zoneAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// RandomZoneID returns a well-formed zone ID (`z-` + 12 lowercase letters or digits), so that
// each test's simulator has a zone of its own and state from one test can never satisfy another.
func RandomZoneID() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = zoneAlphabet[int(b[i])%len(zoneAlphabet)]
	}
	return "z-" + string(b)
}
