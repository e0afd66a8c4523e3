package idcsim

// The Tencent Cloud API server: POST / per the wire protocol (TC3-signed, one action per
// request, {"Response":{...}} envelopes on HTTP 200), dispatching to the actions of the api_*.go
// files over the store the SCIM server (scim_*.go) shares.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"time"
)

const (
	apiService = "organization"
	apiVersion = "2021-03-31"
	// maxBodyBytes is the documented size limit of a signature-v3 POST.
	maxBodyBytes = 10 << 20
)

// serveAPI answers one Identity Center API request.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := newRequestID()
	actionName := r.Header.Get("X-TC-Action")
	result, apiErr := s.handleAPI(w, r, actionName)
	if result == nil && apiErr == nil {
		s.logf("%s %q: connection closed without an answer", requestID, actionName)
		return
	}
	body, err := envelope(result, apiErr, requestID)
	if err != nil {
		s.logf("%s %q: encoding the answer: %v", requestID, actionName, err)
		apiErr = errf(codeInternalError, "An internal error occurred.")
		body, _ = envelope(nil, apiErr, requestID)
	}
	outcome := "ok"
	if apiErr != nil {
		outcome = apiErr.Code
	}
	s.logf("%s %q: %s (%s)", requestID, actionName, outcome, time.Since(start).Round(time.Microsecond))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// handleAPI runs the request through the protocol checks, the rate limit, the fault injector and
// the action. It returns (nil, nil) when the connection was closed instead of answered.
func (s *Server) handleAPI(w http.ResponseWriter, r *http.Request, actionName string) (any, *apiError) {
	if r.Method != http.MethodPost {
		return nil, errf(codeUnsupportedProtocol, "The HTTP method %s is not supported; use POST.", r.Method)
	}
	def, ok := s.actions[actionName]
	if !ok {
		return nil, errf(codeInvalidAction, "The action %q does not exist.", actionName)
	}
	s.count(func(st *Stats) { st.Calls[actionName]++ })

	if d := s.opts.Latency; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return nil, errf(codeInternalError, "The request was cancelled.")
		}
	}
	if v := r.Header.Get("X-TC-Version"); v != apiVersion {
		return nil, errf(codeNoSuchVersion, "The API version %q does not exist; use %s.", v, apiVersion)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return nil, errf(codeInvalidParameter, "The request body could not be read (at most %d bytes).", maxBodyBytes)
	}
	if aerr := s.verifier.verify(r, body); aerr != nil {
		return nil, aerr
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, errf(codeInvalidParameter, "The Content-Type must be application/json.")
	}
	if !s.limiter.allow(actionName) {
		s.count(func(st *Stats) { st.Throttled++ })
		return nil, errf(codeRequestLimitExceeded, "Your request frequency for %s has exceeded the limit of %d per second.", actionName, s.opts.RateLimit)
	}

	fault := s.faults.pick(actionName)
	if fault != "" {
		s.count(func(st *Stats) { st.Faults++; st.FaultKinds[fault]++; st.FaultActions[actionName]++ })
	}
	switch fault {
	case "":
	case FaultReset:
		abortConnection(w, true)
		return nil, nil
	case FaultLostResponse:
		_, _ = def.run(s, body, false)
		abortConnection(w, false)
		return nil, nil
	case FaultTaskFailure:
		// The request succeeds; the tasks it starts end Failed.
		return def.run(s, body, true)
	default:
		return nil, errf(fault, "Simulated fault %s.", fault)
	}
	return def.run(s, body, false)
}

// abortConnection closes the client's connection without an answer. reset asks for a TCP RST
// rather than an orderly close. Without a hijackable connection (HTTP/2) the handler aborts,
// which also resets the stream.
func abortConnection(w http.ResponseWriter, reset bool) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tcp, ok := conn.(*net.TCPConn); ok && reset {
				_ = tcp.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// envelope builds {"Response":{...,"RequestId":id}} or the error form.
func envelope(result any, apiErr *apiError, requestID string) ([]byte, error) {
	if apiErr != nil {
		return json.Marshal(map[string]any{"Response": map[string]any{
			"Error":     map[string]string{"Code": apiErr.Code, "Message": apiErr.Message},
			"RequestId": requestID,
		}})
	}
	fields, err := json.Marshal(result)
	if err != nil {
		return nil, err
	}
	if len(fields) < 2 || fields[0] != '{' {
		return nil, fmt.Errorf("action result is not a JSON object: %s", fields)
	}
	id, _ := json.Marshal(requestID)
	var b bytes.Buffer
	b.WriteString(`{"Response":`)
	b.Write(fields[:len(fields)-1])
	if len(fields) > 2 {
		b.WriteByte(',')
	}
	b.WriteString(`"RequestId":`)
	b.Write(id)
	b.WriteString("}}")
	return b.Bytes(), nil
}

// actionDef is one API action: parameter decoding, locking, the work, persistence.
type actionDef struct {
	// run does the action; failTasks makes the tasks it starts end Failed (a queued
	// task-failure fault).
	run func(s *Server, body []byte, failTasks bool) (any, *apiError)
}

// call is what an action's work sees: the store, locked for it, and the request time.
type call struct {
	st  *store
	now time.Time
	// taskDelay is how long the tasks the action starts stay InProgress; taskFails says
	// whether the next one will end Failed.
	taskDelay time.Duration
	taskFails func() bool
}

// checkZone refuses any zone but the simulator's one.
func (c *call) checkZone(zoneID *string) *apiError {
	if str(zoneID) != c.st.zone.ZoneId {
		return errf(codeZoneIDNotExist, "The zone %s does not exist.", str(zoneID))
	}
	return nil
}

// define wraps an action's work: decode the parameters into Req, take the store's lock (shared for
// reads), run, and for a successful change write the state file before answering.
func define[Req any](readOnly bool, work func(c *call, req *Req) (any, *apiError)) actionDef {
	return actionDef{run: func(s *Server, body []byte, failTasks bool) (any, *apiError) {
		req := new(Req)
		if aerr := decodeParams(body, req); aerr != nil {
			return nil, aerr
		}
		if err := s.settleTasks(); err != nil {
			s.logf("writing state file: %v", err)
			return nil, errf(codeInternalError, "The change could not be saved.")
		}
		st := s.store
		if readOnly {
			st.mu.RLock()
			defer st.mu.RUnlock()
		} else {
			st.mu.Lock()
			defer st.mu.Unlock()
		}
		c := &call{st: st, now: s.now(), taskDelay: s.opts.TaskDelay, taskFails: func() bool {
			if failTasks { // a queued fault, counted when it was picked
				return true
			}
			if s.faults.taskFails() {
				s.count(func(st *Stats) { st.Faults++; st.FaultKinds[FaultTaskFailure]++ })
				return true
			}
			return false
		}}
		result, aerr := work(c, req)
		if aerr != nil {
			return nil, aerr
		}
		if !readOnly {
			if err := st.persistLocked(); err != nil {
				s.logf("writing state file: %v", err)
				return nil, errf(codeInternalError, "The change could not be saved.")
			}
		}
		return result, nil
	}}
}

func actionTable() map[string]actionDef {
	return map[string]actionDef{
		"DescribeIdentityCenter":            define(true, describeIdentityCenter),
		"GetZoneStatistics":                 define(true, getZoneStatistics),
		"GetZoneSAMLServiceProviderInfo":    define(true, getZoneSAMLServiceProviderInfo),
		"GetSCIMSynchronizationStatus":      define(true, getSCIMSynchronizationStatus),
		"UpdateSCIMSynchronizationStatus":   define(false, updateSCIMSynchronizationStatus),
		"CreateSCIMCredential":              define(false, createSCIMCredential),
		"ListSCIMCredentials":               define(true, listSCIMCredentials),
		"UpdateSCIMCredentialStatus":        define(false, updateSCIMCredentialStatus),
		"DeleteSCIMCredential":              define(false, deleteSCIMCredential),
		"SetExternalSAMLIdentityProvider":   define(false, setExternalSAMLIdentityProvider),
		"GetExternalSAMLIdentityProvider":   define(true, getExternalSAMLIdentityProvider),
		"ClearExternalSAMLIdentityProvider": define(false, clearExternalSAMLIdentityProvider),
		"AddExternalSAMLIdPCertificate":     define(false, addExternalSAMLIdPCertificate),
		"RemoveExternalSAMLIdPCertificate":  define(false, removeExternalSAMLIdPCertificate),
		"ListExternalSAMLIdPCertificates":   define(true, listExternalSAMLIdPCertificates),
		"ListUsers":                         define(true, listUsers),
		"GetUser":                           define(true, getUser),
		"CreateUser":                        define(false, createUser),
		"UpdateUser":                        define(false, updateUser),
		"UpdateUserStatus":                  define(false, updateUserStatus),
		"DeleteUser":                        define(false, deleteUser),
		"ListGroups":                        define(true, listGroups),
		"GetGroup":                          define(true, getGroup),
		"CreateGroup":                       define(false, createGroup),
		"UpdateGroup":                       define(false, updateGroup),
		"DeleteGroup":                       define(false, deleteGroup),
		"ListGroupMembers":                  define(true, listGroupMembers),
		"AddUserToGroup":                    define(false, addUserToGroup),
		"RemoveUserFromGroup":               define(false, removeUserFromGroup),

		"DescribeOrganization":        define(true, describeOrganization),
		"DescribeOrganizationMembers": define(true, describeOrganizationMembers),

		"CreateRoleConfiguration": define(false, createRoleConfiguration),
		"GetRoleConfiguration":    define(true, getRoleConfiguration),
		"ListRoleConfigurations":  define(true, listRoleConfigurations),
		"UpdateRoleConfiguration": define(false, updateRoleConfiguration),
		"DeleteRoleConfiguration": define(false, deleteRoleConfiguration),

		"AddPermissionPolicyToRoleConfiguration":      define(false, addPermissionPolicyToRoleConfiguration),
		"RemovePermissionPolicyFromRoleConfiguration": define(false, removePermissionPolicyFromRoleConfiguration),
		"ListPermissionPoliciesInRoleConfiguration":   define(true, listPermissionPoliciesInRoleConfiguration),
		"UpdateCustomPolicyForRoleConfiguration":      define(false, updateCustomPolicyForRoleConfiguration),

		"ProvisionRoleConfiguration":         define(false, provisionRoleConfiguration),
		"DismantleRoleConfiguration":         define(false, dismantleRoleConfiguration),
		"ListRoleConfigurationProvisionings": define(true, listRoleConfigurationProvisionings),

		"CreateRoleAssignment": define(false, createRoleAssignment),
		"DeleteRoleAssignment": define(false, deleteRoleAssignment),
		"ListRoleAssignments":  define(true, listRoleAssignments),

		"GetTaskStatus": define(true, getTaskStatus),
		"ListTasks":     define(true, listTasks),
	}
}
