package idc

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"2024-05-31 15:04:53", time.Date(2024, 5, 31, 7, 4, 53, 0, time.UTC), false},
		{"2024-01-01 00:00:00", time.Date(2023, 12, 31, 16, 0, 0, 0, time.UTC), false},
		// Beijing has no DST: a summer time stays +8.
		{"2024-07-01 08:00:00", time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), false},
		{"2024-05-31T15:04:53Z", time.Time{}, true},
		{"2024-13-01 00:00:00", time.Time{}, true},
		{"yesterday", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseTime(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseTime(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if tt.in != "" && !tt.wantErr {
				if _, off := got.Zone(); off != 8*3600 {
					t.Errorf("offset = %d, want +8h", off)
				}
			}
		})
	}
}
