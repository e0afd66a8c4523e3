package idcsim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
)

const (
	defaultMaxResults = 10
	maxMaxResults     = 100
	pageTokenVersion  = 1
	queryHashLen      = 8
	tokenMACLen       = 12
)

// listQuery is a list request's paging parameters, checked.
type listQuery struct {
	limit       int
	desc        bool
	offset      int
	after       *sortKey
	fingerprint []byte // the query a NextToken is bound to
}

// pagingParams are the paging parameters a list action takes; nil fields were absent.
type pagingParams struct {
	MaxResults *int64
	NextToken  *string
	SortField  *string
	SortType   *string
	Offset     *int64
}

// parseListQuery checks the paging parameters and binds them, with the action's filters, into the
// fingerprint that NextTokens carry.
func (c *call) parseListQuery(action string, p pagingParams, filters ...any) (listQuery, *apiError) {
	q := listQuery{limit: defaultMaxResults}
	if p.MaxResults != nil {
		if *p.MaxResults < 1 || *p.MaxResults > maxMaxResults {
			return q, errf(codeParamError, "MaxResults must be between 1 and %d.", maxMaxResults)
		}
		q.limit = int(*p.MaxResults)
	}
	if p.Offset != nil {
		if *p.Offset < 0 {
			return q, errf(codeParamError, "Offset must not be negative.")
		}
		q.offset = int(min(*p.Offset, int64(1<<31)))
	}
	if p.SortField != nil {
		if err := checkEnum(codeInvalidParameterValue, "SortField", *p.SortField, "CreateTime"); err != nil {
			return q, err
		}
	}
	if p.SortType != nil {
		if err := checkEnum(codeInvalidParameterValue, "SortType", *p.SortType, "Asc", "Desc"); err != nil {
			return q, err
		}
		q.desc = *p.SortType == "Desc"
	}
	fp, err := json.Marshal(append([]any{action, q.limit, q.desc}, filters...))
	if err != nil {
		return q, errf(codeInternalError, "The query could not be encoded.")
	}
	q.fingerprint = fp
	if token := str(p.NextToken); token != "" {
		after, aerr := c.st.decodePageToken(token, fp)
		if aerr != nil {
			return q, aerr
		}
		q.after = after
	}
	return q, nil
}

// nextToken returns the NextToken that continues after pg, or "" on the last page, which the
// answer then leaves out (omitempty): the SDK's models return NextToken only when IsTruncated
// is true, and a client may loop while it is present.
func (c *call) nextToken(q listQuery, pg page) string {
	if !pg.Truncated || len(pg.Keys) == 0 {
		return ""
	}
	return c.st.encodePageToken(q.fingerprint, pg.Keys[len(pg.Keys)-1])
}

// encodePageToken makes an opaque token: the query's hash, the last key returned and a MAC, so
// that a forged, truncated or foreign token is refused rather than misread.
func (st *store) encodePageToken(fingerprint []byte, last sortKey) string {
	qh := sha256.Sum256(fingerprint)
	payload := []byte{pageTokenVersion}
	payload = append(payload, qh[:queryHashLen]...)
	payload = binary.BigEndian.AppendUint64(payload, uint64(last.At))
	payload = append(payload, last.ID...)
	m := hmac.New(sha256.New, st.tokenKey)
	m.Write(payload)
	return base64.RawURLEncoding.EncodeToString(m.Sum(payload)[:len(payload)+tokenMACLen])
}

func (st *store) decodePageToken(token string, fingerprint []byte) (*sortKey, *apiError) {
	invalid := errf(codeNextTokenInvalid, "The NextToken is not valid for this query; start again without it.")
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) < 1+queryHashLen+8+tokenMACLen {
		return nil, invalid
	}
	payload, mac := raw[:len(raw)-tokenMACLen], raw[len(raw)-tokenMACLen:]
	m := hmac.New(sha256.New, st.tokenKey)
	m.Write(payload)
	if !hmac.Equal(m.Sum(nil)[:tokenMACLen], mac) || payload[0] != pageTokenVersion {
		return nil, invalid
	}
	qh := sha256.Sum256(fingerprint)
	if !hmac.Equal(payload[1:1+queryHashLen], qh[:queryHashLen]) {
		return nil, invalid
	}
	rest := payload[1+queryHashLen:]
	return &sortKey{At: int64(binary.BigEndian.Uint64(rest[:8])), ID: string(rest[8:])}, nil
}
