package idcsim

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// sortKey orders users, groups and memberships the way the list actions do: by creation (or
// join) time, then by ID so that equal times still have one stable order.
type sortKey struct {
	At int64 // UnixNano
	ID string
}

func keyOf(t time.Time, id string) sortKey {
	return sortKey{At: t.UnixNano(), ID: id}
}

func (k sortKey) compare(o sortKey) int {
	if c := cmp.Compare(k.At, o.At); c != 0 {
		return c
	}
	return strings.Compare(k.ID, o.ID)
}

// orderIndex is a sorted slice of keys. List actions page through it by binary search, so a page
// of 50 000 users costs O(log n + page) instead of a sort per request. Inserts are O(n) copies,
// which is cheap next to the state-file write every change costs anyway.
type orderIndex struct {
	keys []sortKey
}

func (x *orderIndex) search(k sortKey) (int, bool) {
	return slices.BinarySearchFunc(x.keys, k, sortKey.compare)
}

func (x *orderIndex) insert(k sortKey) {
	i, found := x.search(k)
	if found {
		return
	}
	x.keys = slices.Insert(x.keys, i, k)
}

func (x *orderIndex) remove(k sortKey) {
	if i, found := x.search(k); found {
		x.keys = slices.Delete(x.keys, i, i+1)
	}
}

// page is one page of a list action.
type page struct {
	Keys      []sortKey
	Total     int  // matches in the whole list, not just this page
	Truncated bool // more matches follow this page
}

// pageRequest says which page of an orderIndex to take.
type pageRequest struct {
	Desc   bool
	After  *sortKey // from a NextToken: start after this key (in the list's direction)
	Offset int      // used when After is nil
	Limit  int
	Match  func(sortKey) bool // nil: every key matches
}

// paginate returns the page of x that pr asks for.
func (x *orderIndex) paginate(pr pageRequest) page {
	n := len(x.keys)
	at := func(i int) sortKey { // i-th key in the list's direction
		if pr.Desc {
			return x.keys[n-1-i]
		}
		return x.keys[i]
	}
	start := 0
	if pr.After != nil {
		lower, found := x.search(*pr.After)
		if pr.Desc {
			start = n - lower
		} else {
			start = lower
			if found {
				start++
			}
		}
	}

	if pr.Match == nil {
		if pr.After == nil {
			start = min(pr.Offset, n)
		}
		end := min(start+pr.Limit, n)
		keys := make([]sortKey, 0, end-start)
		for i := start; i < end; i++ {
			keys = append(keys, at(i))
		}
		return page{Keys: keys, Total: n, Truncated: end < n}
	}

	total := 0
	for _, k := range x.keys {
		if pr.Match(k) {
			total++
		}
	}
	skip := 0
	if pr.After == nil {
		skip = pr.Offset
	}
	var out page
	out.Total = total
	for i := start; i < n; i++ {
		k := at(i)
		if !pr.Match(k) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(out.Keys) == pr.Limit {
			out.Truncated = true
			break
		}
		out.Keys = append(out.Keys, k)
	}
	if out.Keys == nil {
		out.Keys = []sortKey{}
	}
	return out
}
