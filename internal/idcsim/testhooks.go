package idcsim

import (
	"fmt"
	"time"
)

// SetCredentialExpireTime moves one SCIM credential's expiry, bypassing the API (for tests that
// need a credential close to expiry without waiting for it). The service offers no way to change
// an expiry, so nothing else in the simulator does this. The change is written to the state file
// like any other.
func (s *Server) SetCredentialExpireTime(zoneID, credentialID string, t time.Time) error {
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	if zoneID != st.zone.ZoneId {
		return fmt.Errorf("setting the expiry of credential %s: %w", credentialID,
			errf(codeZoneIDNotExist, "The zone %s does not exist.", zoneID))
	}
	_, cred := st.credentialLocked(credentialID)
	if cred == nil {
		return fmt.Errorf("setting the expiry of credential %s: %w", credentialID,
			errf(codeScimCredentialNotFound, "The SCIM credential %s does not exist.", credentialID))
	}
	cred.ExpireTime = t
	if err := st.persistLocked(); err != nil {
		return fmt.Errorf("setting the expiry of credential %s: %w", credentialID, err)
	}
	return nil
}
