package provider

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/tencentcloudidc/terraform-provider-tencentcloudidc/internal/idc"
)

// TestUserListEncoder_matchesTFTypes checks that the encoded path produces, byte for byte, the
// state the framework would send for the same users: the wrapper swaps one for the other.
func TestUserListEncoder_matchesTFTypes(t *testing.T) {
	stateType, elem := usersStateType(t)
	at := time.Date(2026, 5, 31, 7, 4, 53, 0, time.UTC)
	full := idc.User{
		UserID: "u-abc123def456", UserName: "alice@example.com", FirstName: "Alice", LastName: "Liddell",
		DisplayName: "Alice Liddell", Email: "alice@example.com", Description: "Wonderland",
		Enabled: true, UserType: apiTypeSynchronized, CreateTime: at, UpdateTime: at.Add(time.Hour),
	}
	bare := idc.User{UserID: "u-bare", UserName: "bare", UserType: apiTypeManual}
	long := full
	long.UserID, long.UserName = "u-long", "long"
	long.Description = strings.Repeat("長い説明 ", 40) // over 255 bytes: a str16 header
	long.DisplayName = strings.Repeat("d", 40)     // over 31 bytes: a str8 header
	many := make([]idc.User, 70)                   // over 15 elements: an array16 header
	for i := range many {
		many[i] = full
		many[i].UserID = fmt.Sprintf("u-%012d", i)
		many[i].UserName = fmt.Sprintf("user-%d", i)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	groups := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("g-one"), str("g-two")})

	cases := map[string]struct {
		users  []idc.User
		config map[string]tftypes.Value
	}{
		"no users":             {nil, nil},
		"one user, all fields": {[]idc.User{full}, nil},
		"empty text, no times": {[]idc.User{bare}, nil},
		"long strings":         {[]idc.User{long, bare}, nil},
		"many users":           {many, nil},
		"every filter set": {[]idc.User{full}, map[string]tftypes.Value{
			"user_type": str(apiTypeSynchronized), "user_status": str(idc.StatusEnabled), "filter": str("ali"), "group_ids": groups,
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			configAttrs := map[string]tftypes.Value{}
			for k, typ := range stateType.AttributeTypes {
				configAttrs[k] = tftypes.NewValue(typ, nil)
			}
			for k, v := range tc.config {
				configAttrs[k] = v
			}
			config := tftypes.NewValue(stateType, configAttrs)
			configBefore := config.Copy()

			list, err := buildUserList(usersSeq(tc.users), elem, false)
			if err != nil {
				t.Fatal(err)
			}
			want, err := dataSourceState(config, stateType, map[string]tftypes.Value{
				"zone_id": str("z-abcdefghijkl"), "users": list.users, "ids": list.ids, "user_names": list.names,
				"total_count": tftypes.NewValue(tftypes.Number, list.count),
			})
			if err != nil {
				t.Fatal(err)
			}
			wantBytes, err := tfprotov6.NewDynamicValue(stateType, want)
			if err != nil {
				t.Fatal(err)
			}

			enc, err := newUserListEncoder(elem)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.users {
				if err := enc.add(&tc.users[i]); err != nil {
					t.Fatal(err)
				}
			}
			fixed, err := dataSourceState(config, stateType, map[string]tftypes.Value{
				"zone_id":     str("z-abcdefghijkl"),
				"users":       tftypes.NewValue(stateType.AttributeTypes["users"], []tftypes.Value{}),
				"ids":         tftypes.NewValue(stateType.AttributeTypes["ids"], []tftypes.Value{}),
				"user_names":  tftypes.NewValue(stateType.AttributeTypes["user_names"], []tftypes.Value{}),
				"total_count": tftypes.NewValue(tftypes.Number, enc.count),
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := enc.state(stateType, fixed)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, wantBytes.MsgPack) {
				decoded, derr := (&tfprotov6.DynamicValue{MsgPack: got}).Unmarshal(stateType)
				t.Fatalf("encoded state differs from tftypes' encoding (%d vs %d bytes); decodes to %v (error %v), want %v",
					len(got), len(wantBytes.MsgPack), decoded, derr, want)
			}
			if !config.Equal(configBefore) {
				t.Error("building the state changed the configuration value")
			}
		})
	}
}

func TestChunkedBuffer(t *testing.T) {
	var want bytes.Buffer
	var got chunkedBuffer
	// Writes of every size, some spanning several chunks, mixed with single bytes.
	for i := range 600 {
		p := bytes.Repeat([]byte{byte(i)}, (i*i*7)%5000)
		if i%97 == 0 {
			p = bytes.Repeat([]byte{byte(i)}, chunkSize+i)
		}
		want.Write(p)
		if n, err := got.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write: %d, %v", n, err)
		}
		want.WriteByte(byte(i))
		if err := got.WriteByte(byte(i)); err != nil {
			t.Fatal(err)
		}
	}
	if got.Len() != want.Len() || len(got.chunks) < 4 {
		t.Fatalf("Len %d in %d chunks, want %d bytes in several chunks", got.Len(), len(got.chunks), want.Len())
	}
	for i, c := range got.chunks[:len(got.chunks)-1] {
		if len(c) != chunkSize {
			t.Fatalf("chunk %d holds %d bytes, want a full chunk", i, len(c))
		}
	}
	var out bytes.Buffer
	out.WriteString("prefix")
	got.moveTo(&out)
	if !bytes.Equal(out.Bytes(), append([]byte("prefix"), want.Bytes()...)) {
		t.Error("moveTo did not append the written bytes in order")
	}
	if got.Len() != 0 || got.chunks != nil {
		t.Error("moveTo kept the chunks")
	}
}
