package idcsim

// The SCIM 2.0 server at /scim/v2 (RFC 7643, RFC 7644): routing, authentication and answers here,
// filters, PATCH, users and groups in the other scim_*.go files, over the store the Tencent API
// server (api*.go) shares.

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/elimity-com/scim"
	scimerrors "github.com/elimity-com/scim/errors"
	"github.com/elimity-com/scim/optional"
	"github.com/elimity-com/scim/schema"
)

// SCIM message and schema URNs (RFC 7643, RFC 7644).
const (
	scimUserURN       = schema.UserSchema
	scimGroupURN      = schema.GroupSchema
	scimEnterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	scimListURN       = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	scimPatchURN      = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	scimSearchURN     = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
)

const (
	// scimPrefix is where the SCIM server lives, as on Tencent's scim.tencentcloudsso.com.
	scimPrefix = "/scim/v2"
	// scimMaxResults is the most resources one list answer holds (ServiceProviderConfig
	// filter.maxResults); Okta asks for 100 per page.
	scimMaxResults = 100
	// scimMaxBody bounds request bodies; the ServiceProviderConfig advertises it as maxPayloadSize.
	scimMaxBody = 1 << 20
	// scimDocumentation is Tencent's guide to SCIM synchronization.
	scimDocumentation = "https://www.tencentcloud.com/document/product/1031/66367"
)

// scimServer serves SCIM 2.0 at /scim/v2 over the simulator's store. The elimity-com/scim library
// routes single-resource requests, validates their bodies against the RFC 7643 schemas and
// answers the discovery endpoints. This wrapper adds what the library leaves to its users or gets
// wrong for real IdPs: bearer authentication against the zone's SCIM credentials, request
// statistics, the media-type check, repairs of the request forms IdPs are documented to send
// (string booleans, unquoted filter values), mutability errors, our own filter evaluation,
// searches, the attributes/excludedAttributes parameters and the itemsPerPage count.
type scimServer struct {
	s      *Server
	users  *scimUsers
	groups *scimGroups
	types  []scim.ResourceType
	config scim.ServiceProviderConfig
}

func newSCIMServer(s *Server) *scimServer {
	h := &scimServer{s: s}
	h.users = newSCIMUsers(h)
	h.groups = newSCIMGroups(h)
	h.types = []scim.ResourceType{
		{
			ID:               optional.NewString("User"),
			Name:             "User",
			Description:      optional.NewString("Identity Center users; those made here have UserType Synchronized."),
			Endpoint:         "/Users",
			Schema:           scimUserKind.core,
			SchemaExtensions: []scim.SchemaExtension{{Schema: scimUserKind.exts[0]}},
			Handler:          h.users,
		},
		{
			ID:          optional.NewString("Group"),
			Name:        "Group",
			Description: optional.NewString("Identity Center user groups; those made here have GroupType Synchronized."),
			Endpoint:    "/Groups",
			Schema:      scimGroupKind.core,
			Handler:     h.groups,
		},
	}
	h.config = scim.ServiceProviderConfig{
		DocumentationURI: optional.NewString(scimDocumentation),
		AuthenticationSchemes: []scim.AuthenticationScheme{{
			Type:             scim.AuthenticationTypeOauthBearerToken,
			Name:             "OAuth Bearer Token",
			Description:      "The secret of an enabled, unexpired SCIM credential of the zone (CreateSCIMCredential) as a bearer token.",
			SpecURI:          optional.NewString("https://www.rfc-editor.org/info/rfc6750"),
			DocumentationURI: optional.NewString(scimDocumentation),
			Primary:          true,
		}},
		MaxResults:       scimMaxResults,
		SupportFiltering: true,
		SupportPatch:     true,
	}
	return h
}

// scimRequest is what the wrapper learnt about a request before the library or a search runs.
type scimRequest struct {
	base   string      // absolute URL of /scim/v2 as the client addressed it
	filter *scimFilter // parsed list filter, nil when none
	proj   projection
}

type scimRequestKey struct{}

func scimRequestFrom(ctx context.Context) *scimRequest {
	if req, ok := ctx.Value(scimRequestKey{}).(*scimRequest); ok {
		return req
	}
	return &scimRequest{}
}

func (h *scimServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	route := scimRoute(r.URL.Path)
	h.s.count(func(st *Stats) { st.Calls["SCIM "+scimMethod(r.Method)+" "+route]++ })
	out := &bufferedResponse{header: http.Header{}}
	h.serve(out, r, route)
	h.s.logf("scim %s %s: %d (%s)", r.Method, r.URL.Path, out.statusCode(), time.Since(start).Round(time.Microsecond))
	out.copyTo(w, scimMediaType(r.Header.Get("Accept")))
}

// scimMediaType is the Content-Type of answers: application/scim+json (RFC 7644 §3.1), unless
// the client accepts application/json and not application/scim+json, as OneLogin documents that
// it wants.
func scimMediaType(accept string) string {
	plainJSON := false
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		switch {
		case err != nil:
		case mt == "application/scim+json":
			return "application/scim+json"
		case mt == "application/json":
			plainJSON = true
		}
	}
	if plainJSON {
		return "application/json"
	}
	return "application/scim+json"
}

func (h *scimServer) serve(w *bufferedResponse, r *http.Request, route string) {
	if aerr := h.authorize(r); aerr != nil {
		if aerr.Status == http.StatusUnauthorized {
			challenge := `Bearer realm="Identity Center SCIM"`
			if r.Header.Get("Authorization") != "" {
				challenge += `, error="invalid_token"`
			}
			w.Header().Set("WWW-Authenticate", challenge)
		}
		writeSCIMError(w, *aerr)
		return
	}
	body, serr := readSCIMBody(r)
	if serr != nil {
		writeSCIMError(w, *serr)
		return
	}
	kind := scimKindOfRoute(route)
	req := &scimRequest{base: scimBaseURL(r)}
	query := r.URL.Query()
	if kind != nil || route == "/.search" {
		proj, perr := parseProjection(query.Get("attributes"), query.Get("excludedAttributes"))
		if perr != nil {
			writeSCIMError(w, *perr)
			return
		}
		req.proj = proj
	}

	switch {
	case route == "/" && r.Method == http.MethodGet:
		writeSCIMError(w, *scimStatus(http.StatusNotImplemented, "", "Queries against the server root are not supported; use POST /.search."))
		return
	case route == "/Bulk":
		// An operation the server does not offer is 501 (RFC 7644 §3.12), not an unknown endpoint.
		writeSCIMError(w, *scimStatus(http.StatusNotImplemented, "", "Bulk operations are not supported (ServiceProviderConfig bulk.supported is false); send each operation on its own."))
		return
	case route == "/Me":
		writeSCIMError(w, *scimStatus(http.StatusNotImplemented, "", "/Me is not supported: a SCIM credential authenticates a provisioning client, not a user."))
		return
	case route == "/.search" && r.Method == http.MethodPost:
		h.rootSearch(w, body, req)
		return
	case kind != nil && strings.HasSuffix(route, "/.search") && r.Method == http.MethodPost:
		// A search is a list whose parameters travel in the body: turn it into the GET the
		// library answers, with our parsed filter.
		q, serr := searchToQuery(body, kind, req)
		if serr != nil {
			writeSCIMError(w, *serr)
			return
		}
		r = r.Clone(r.Context())
		r.Method = http.MethodGet
		r.URL.Path = kind.endpoint
		r.URL.RawQuery = q.Encode()
		body = nil
	case kind != nil && route == kind.endpoint && r.Method == http.MethodGet:
		if serr := prepareListQuery(query, kind, req); serr != nil {
			writeSCIMError(w, *serr)
			return
		}
		r = r.Clone(r.Context())
		r.URL.Path = kind.endpoint
		r.URL.RawQuery = query.Encode()
	case kind != nil:
		normalized, serr := normalizeBody(r.Method, route, body, kind, scimIDOfPath(r.URL.Path))
		if serr != nil {
			writeSCIMError(w, *serr)
			return
		}
		body = normalized
		r = r.Clone(r.Context())
		r.URL.Path = strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, scimPrefix), "/")
	default:
		r = r.Clone(r.Context())
		r.URL.Path = strings.TrimPrefix(r.URL.Path, scimPrefix)
	}
	// The library strips "/v2" itself.
	r.URL.Path = "/v2" + strings.TrimPrefix(r.URL.Path, "/v2")
	r.URL.RawPath = ""
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r = r.WithContext(context.WithValue(r.Context(), scimRequestKey{}, req))

	lib, err := scim.NewServer(&scim.ServerArgs{ServiceProviderConfig: &h.config, ResourceTypes: h.types},
		scim.WithBaseURL(req.base), scim.WithLogger(scimLogger(h.s.logf)))
	if err != nil {
		writeSCIMError(w, scimInternal("The SCIM server could not be built."))
		h.s.logf("scim: building the library server: %v", err)
		return
	}
	lib.ServeHTTP(w, r)
	if err := w.finish(req.proj); err != nil {
		h.s.logf("scim: rewriting the answer: %v", err)
	}
}

// authorize checks the bearer token against the zone's SCIM credentials on every request, so that
// a credential disabled, deleted or expired through the API stops working at once.
func (h *scimServer) authorize(r *http.Request) *scimerrors.ScimError {
	const scheme = "bearer "
	header := r.Header.Get("Authorization")
	if len(header) <= len(scheme) || !strings.EqualFold(header[:len(scheme)], scheme) {
		return scimStatus(http.StatusUnauthorized, "", "Authorization: Bearer <SCIM credential secret> is required.")
	}
	token := []byte(strings.TrimSpace(header[len(scheme):]))
	st := h.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	var found *scimCredential
	// Every secret is compared, in constant time, so that timing reveals neither a secret nor
	// which credential matched.
	for _, c := range st.credentials {
		if subtle.ConstantTimeCompare([]byte(c.Secret), token) == 1 {
			found = c
		}
	}
	switch {
	case found == nil:
		return scimStatus(http.StatusUnauthorized, "", "The bearer token is not a SCIM credential of this zone.")
	case found.Status != statusEnabled:
		return scimStatus(http.StatusUnauthorized, "", fmt.Sprintf("The SCIM credential %s is disabled.", found.CredentialId))
	case !h.s.now().Before(found.ExpireTime):
		return scimStatus(http.StatusUnauthorized, "", fmt.Sprintf("The SCIM credential %s expired at %s.", found.CredentialId, found.ExpireTime.UTC().Format(time.RFC3339)))
	case !st.syncEnabledLocked():
		return scimStatus(http.StatusForbidden, "", fmt.Sprintf("SCIM synchronization is disabled for zone %s.", st.zone.ZoneId))
	}
	return nil
}

// readSCIMBody reads a request body of at most scimMaxBody bytes with a JSON media type, or none.
func readSCIMBody(r *http.Request) ([]byte, *scimerrors.ScimError) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, scimMaxBody+1))
	if err != nil {
		return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidSyntax, "The request body could not be read.")
	}
	if len(body) > scimMaxBody {
		return nil, scimStatus(http.StatusRequestEntityTooLarge, "", fmt.Sprintf("The request body is larger than %d bytes.", scimMaxBody))
	}
	if ct := r.Header.Get("Content-Type"); len(body) > 0 && ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/scim+json" && mt != "application/json") {
			return nil, scimStatus(http.StatusUnsupportedMediaType, "", "The Content-Type must be application/scim+json or application/json.")
		}
	}
	return body, nil
}

// scimBaseURL is the absolute URL of /scim/v2 as the client addressed the server.
func scimBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + scimPrefix
}

// scimRoute names the endpoint of a path for statistics and routing: "/Users", "/Users/{id}",
// "/Users/.search", "/Schemas/{id}", "/.search", …; "/{other}" for anything unknown.
func scimRoute(path string) string {
	rest, ok := strings.CutPrefix(path, scimPrefix)
	if !ok {
		return "/{other}"
	}
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" {
		return "/"
	}
	first, tail, hasTail := strings.Cut(strings.TrimPrefix(rest, "/"), "/")
	switch first {
	case "Users", "Groups":
		switch {
		case !hasTail:
			return "/" + first
		case tail == ".search":
			return "/" + first + "/.search"
		case !strings.Contains(tail, "/"):
			return "/" + first + "/{id}"
		}
	case "Schemas", "ResourceTypes":
		if !hasTail {
			return "/" + first
		}
		return "/" + first + "/{id}"
	case "ServiceProviderConfig", ".search", "Bulk", "Me":
		if !hasTail {
			return "/" + first
		}
	}
	return "/{other}"
}

// scimIDOfPath is the {id} of /scim/v2/Users/{id} or /scim/v2/Groups/{id}.
func scimIDOfPath(path string) string {
	rest := strings.TrimPrefix(path, scimPrefix+"/")
	_, id, _ := strings.Cut(rest, "/")
	return id
}

// scimMethod is the method as counted: standard ones by name, anything else as OTHER, so that
// clients cannot grow the statistics without bound.
func scimMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// prepareListQuery checks a list's paging parameters and takes its filter out of the query: the
// library's own filter check refuses valid filters (on "schemas", say) and its evaluator panics on
// others, so we parse and evaluate filters ourselves.
func prepareListQuery(q url.Values, kind *scimKind, req *scimRequest) *scimerrors.ScimError {
	for _, name := range []string{"startIndex", "count"} {
		if v := q.Get(name); v != "" {
			if _, err := strconv.Atoi(v); err != nil {
				return scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue, fmt.Sprintf("%s must be an integer, not %q.", name, v))
			}
		}
	}
	if raw := strings.TrimSpace(q.Get("filter")); raw != "" {
		f, serr := parseSCIMFilter(raw, kind)
		if serr != nil {
			return serr
		}
		req.filter = f
	}
	q.Del("filter")
	return nil
}

// searchRequest is the body of POST …/.search (RFC 7644 §3.4.3).
type searchRequest struct {
	Schemas            []string `json:"schemas"`
	Attributes         []string `json:"attributes"`
	ExcludedAttributes []string `json:"excludedAttributes"`
	Filter             string   `json:"filter"`
	SortBy             string   `json:"sortBy"`
	SortOrder          string   `json:"sortOrder"`
	StartIndex         *int     `json:"startIndex"`
	Count              *int     `json:"count"`
}

func decodeSearch(body []byte, req *scimRequest) (*searchRequest, *scimerrors.ScimError) {
	var sr searchRequest
	if err := json.Unmarshal(body, &sr); err != nil {
		return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidSyntax, "The body is not a SearchRequest.")
	}
	if len(sr.Schemas) != 1 || sr.Schemas[0] != scimSearchURN {
		return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue, "schemas must be ["+scimSearchURN+"].")
	}
	if sr.SortOrder != "" && sr.SortOrder != "ascending" && sr.SortOrder != "descending" {
		return nil, scimStatus(http.StatusBadRequest, scimerrors.ScimTypeInvalidValue, "sortOrder must be ascending or descending.")
	}
	if len(sr.Attributes) > 0 || len(sr.ExcludedAttributes) > 0 {
		proj, perr := parseProjection(strings.Join(sr.Attributes, ","), strings.Join(sr.ExcludedAttributes, ","))
		if perr != nil {
			return nil, perr
		}
		req.proj = proj
	}
	return &sr, nil
}

// searchToQuery turns a resource type's search body into the query of the equivalent GET.
func searchToQuery(body []byte, kind *scimKind, req *scimRequest) (url.Values, *scimerrors.ScimError) {
	sr, serr := decodeSearch(body, req)
	if serr != nil {
		return nil, serr
	}
	q := url.Values{}
	if sr.StartIndex != nil {
		q.Set("startIndex", strconv.Itoa(*sr.StartIndex))
	}
	if sr.Count != nil {
		q.Set("count", strconv.Itoa(*sr.Count))
	}
	if raw := strings.TrimSpace(sr.Filter); raw != "" {
		f, serr := parseSCIMFilter(raw, kind)
		if serr != nil {
			return nil, serr
		}
		req.filter = f
	}
	return q, nil
}

// rootSearch answers POST /.search: users first, then groups, each in creation order. A filter
// that does not fit one resource type's schema selects none of that type; one that fits neither
// is invalidFilter.
func (h *scimServer) rootSearch(w *bufferedResponse, body []byte, req *scimRequest) {
	sr, serr := decodeSearch(body, req)
	if serr != nil {
		writeSCIMError(w, *serr)
		return
	}
	startIndex, count := pageBounds(sr.StartIndex, sr.Count)
	var userFilter, groupFilter *scimFilter
	usersApply, groupsApply := true, true
	if raw := strings.TrimSpace(sr.Filter); raw != "" {
		uf, uerr := parseSCIMFilter(raw, scimUserKind)
		gf, gerr := parseSCIMFilter(raw, scimGroupKind)
		if uerr != nil && gerr != nil {
			writeSCIMError(w, *uerr)
			return
		}
		userFilter, groupFilter = uf, gf
		usersApply, groupsApply = uerr == nil, gerr == nil
	}
	st := h.s.store
	st.mu.RLock()
	var matches []func() map[string]any
	if usersApply {
		for _, id := range h.users.matchIDs(st, userFilter, req.base) {
			matches = append(matches, func() map[string]any { return h.users.fullDoc(st, st.users[id], req.base) })
		}
	}
	if groupsApply {
		for _, id := range h.groups.matchIDs(st, groupFilter, req.base) {
			matches = append(matches, func() map[string]any { return h.groups.fullDoc(st, st.groups[id], req.base) })
		}
	}
	lo, hi := pageSlice(len(matches), startIndex, count)
	resources := make([]any, 0, hi-lo)
	for _, render := range matches[lo:hi] {
		resources = append(resources, withHeldSchemas(req.proj.apply(render())))
	}
	st.mu.RUnlock()
	writeSCIMJSON(w, http.StatusOK, map[string]any{
		"schemas":      []string{scimListURN},
		"totalResults": len(matches),
		"itemsPerPage": len(resources),
		"startIndex":   startIndex,
		"Resources":    resources,
	})
}

// pageBounds applies RFC 7644 §3.4.2.4: startIndex below 1 is 1, a negative count is 0, and
// count is capped at scimMaxResults (also its default), as the library does for GET.
func pageBounds(startIndex, count *int) (int, int) {
	s, c := 1, scimMaxResults
	if startIndex != nil && *startIndex > 1 {
		s = *startIndex
	}
	if count != nil {
		c = min(max(*count, 0), scimMaxResults)
	}
	return s, c
}

// pageSlice returns the bounds of the page [startIndex, startIndex+count) of n results.
func pageSlice(n, startIndex, count int) (int, int) {
	lo := min(startIndex-1, n)
	return lo, min(lo+count, n)
}

// --- answers -------------------------------------------------------------------------------

// bufferedResponse holds an answer so that the wrapper can rewrite it and log its status.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedResponse) statusCode() int {
	if b.status == 0 {
		return http.StatusOK
	}
	return b.status
}

func (b *bufferedResponse) copyTo(w http.ResponseWriter, mediaType string) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", mediaType)
	if b.body.Len() == 0 {
		w.Header().Del("Content-Type")
	}
	w.WriteHeader(b.statusCode())
	_, _ = w.Write(b.body.Bytes())
}

// finish rewrites a successful resource or list answer of the library: it applies the
// attributes/excludedAttributes parameters, which the library ignores; lists in schemas only the
// schemas whose attributes are returned, where the library lists every extension; and makes
// itemsPerPage the number of resources on the page (RFC 7644 §3.4.2), where the library repeats
// the count asked for.
func (b *bufferedResponse) finish(proj projection) error {
	if b.statusCode()/100 != 2 || b.body.Len() == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b.body.Bytes()))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("decoding the library's answer: %w", err)
	}
	if isList(doc) {
		resources, _ := doc["Resources"].([]any)
		for i, res := range resources {
			if m, ok := res.(map[string]any); ok {
				resources[i] = withHeldSchemas(proj.apply(m))
			}
		}
		if resources == nil {
			resources = []any{}
		}
		doc["Resources"] = resources
		doc["itemsPerPage"] = len(resources)
	} else {
		doc = withHeldSchemas(proj.apply(doc))
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encoding the answer: %w", err)
	}
	b.body.Reset()
	b.body.Write(out)
	return nil
}

func isList(doc map[string]any) bool {
	schemas, _ := doc["schemas"].([]any)
	return len(schemas) == 1 && schemas[0] == scimListURN
}

func writeSCIMJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(scimInternal("The answer could not be encoded."))
	}
	w.Header().Set("Content-Type", "application/scim+json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeSCIMError(w http.ResponseWriter, e scimerrors.ScimError) {
	writeSCIMJSON(w, e.Status, e)
}

// scimStatus is an RFC 7644 §3.12 error: status, optional scimType, detail.
func scimStatus(status int, scimType scimerrors.ScimType, detail string) *scimerrors.ScimError {
	return &scimerrors.ScimError{Status: status, ScimType: scimType, Detail: detail}
}

func scimInternal(detail string) scimerrors.ScimError {
	return scimerrors.ScimError{Status: http.StatusInternalServerError, Detail: detail}
}

// scimLogger passes the library's error reports to Logf. The library logs resources it failed to
// encode; ours never hold a secret (passwords are dropped on arrival).
type scimLogger func(format string, args ...any)

func (l scimLogger) Error(args ...any) {
	l("scim library: %s", fmt.Sprintln(args...))
}
