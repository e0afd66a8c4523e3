package provider

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// The users data source's streaming encoder: it writes the users straight into the plugin
// protocol's msgpack form while the next page is awaited, so that a zone of 50 000 users never
// becomes a framework object (see DESIGN.md, "The users data source writes its state itself").

// userListEncoder writes users, ids and user_names in the plugin protocol's msgpack form as
// the users arrive, exactly as tftypes would encode them (same library, same key order).
type userListEncoder struct {
	users, ids, names    chunkedBuffer
	usersE, idsE, namesE *msgpack.Encoder
	count                int
}

func newUserListEncoder(elem tftypes.Object) (*userListEncoder, error) {
	if err := checkUserFields(elem); err != nil {
		return nil, err
	}
	e := &userListEncoder{}
	e.usersE, e.idsE, e.namesE = msgpack.NewEncoder(&e.users), msgpack.NewEncoder(&e.ids), msgpack.NewEncoder(&e.names)
	return e, nil
}

func (e *userListEncoder) add(u *idc.User) error {
	if err := e.usersE.EncodeMapLen(len(userFields)); err != nil {
		return err
	}
	for _, f := range userFields {
		if err := e.usersE.EncodeString(f.name); err != nil {
			return err
		}
		v, ok := f.value(u)
		var err error
		if ok {
			err = e.usersE.EncodeString(v)
		} else {
			err = e.usersE.EncodeNil()
		}
		if err != nil {
			return err
		}
	}
	if err := e.idsE.EncodeString(u.UserID); err != nil {
		return err
	}
	if err := e.namesE.EncodeString(u.UserName); err != nil {
		return err
	}
	e.count++
	return nil
}

func (e *userListEncoder) size() int { return e.users.Len() + e.ids.Len() + e.names.Len() }

// state encodes the whole data source state: the lists collected so far, and every other
// attribute from fixed (the stand-in state, whose lists are ignored).
func (e *userListEncoder) state(typ tftypes.Object, fixed tftypes.Value) ([]byte, error) {
	var others map[string]tftypes.Value
	if err := fixed.As(&others); err != nil {
		return nil, fmt.Errorf("reading the state: %w", err)
	}
	lists := map[string]*chunkedBuffer{"users": &e.users, "ids": &e.ids, "user_names": &e.names}
	var out bytes.Buffer
	out.Grow(e.size() + 1024)
	enc := msgpack.NewEncoder(&out)
	names := slices.Sorted(maps.Keys(typ.AttributeTypes))
	if err := enc.EncodeMapLen(len(names)); err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		if list, ok := lists[name]; ok {
			if err := enc.EncodeArrayLen(e.count); err != nil {
				return nil, err
			}
			list.moveTo(&out)
			continue
		}
		v, ok := others[name]
		if !ok {
			return nil, fmt.Errorf("the state has no attribute %s", name)
		}
		dv, err := tfprotov6.NewDynamicValue(typ.AttributeTypes[name], v)
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", name, err)
		}
		out.Write(dv.MsgPack)
	}
	return out.Bytes(), nil
}

// chunkSize is the size of a chunkedBuffer's chunks: large enough that a page of users takes a
// few, small enough that the last one's unused tail does not matter.
const chunkSize = 256 << 10

// chunkedBuffer is an append-only byte sequence kept in fixed-size chunks. Growing it never
// copies what it holds and leaves no discarded arrays behind, as doubling a bytes.Buffer does:
// at 50 000 users that is 15 MB of encoded users and about as much again in garbage, on top of
// a capacity up to twice the length, while the final state is assembled next to it.
type chunkedBuffer struct {
	chunks [][]byte
	n      int
}

func (b *chunkedBuffer) Write(p []byte) (int, error) {
	written := len(p)
	for len(p) > 0 {
		if len(b.chunks) == 0 || len(b.chunks[len(b.chunks)-1]) == chunkSize {
			b.chunks = append(b.chunks, make([]byte, 0, chunkSize))
		}
		last := &b.chunks[len(b.chunks)-1]
		k := min(chunkSize-len(*last), len(p))
		*last = append(*last, p[:k]...)
		p = p[k:]
	}
	b.n += written
	return written, nil
}

// WriteByte lets msgpack.Encoder write its one-byte headers without a wrapper allocating each.
func (b *chunkedBuffer) WriteByte(c byte) error {
	if len(b.chunks) == 0 || len(b.chunks[len(b.chunks)-1]) == chunkSize {
		b.chunks = append(b.chunks, make([]byte, 0, chunkSize))
	}
	last := &b.chunks[len(b.chunks)-1]
	*last = append(*last, c)
	b.n++
	return nil
}

func (b *chunkedBuffer) Len() int { return b.n }

// moveTo appends the contents to out and lets go of each chunk once copied, so that the
// encoded users and the assembled state are not both held in full.
func (b *chunkedBuffer) moveTo(out *bytes.Buffer) {
	for i, c := range b.chunks {
		out.Write(c)
		b.chunks[i] = nil
	}
	b.chunks, b.n = nil, 0
}
