package pool

import (
	"maps"
	"testing"
)

func TestEveryJobIsAnsweredOnce(t *testing.T) {
	cases := []struct {
		name           string
		workers, count int
	}{
		{"one worker", 1, 50},
		{"more workers than jobs", 8, 3},
		{"no jobs", 4, 0},
		{"many jobs", 4, 1_000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			jobs := make([]uint64, tc.count)
			want := make(map[uint64]uint64, tc.count)
			for i := range jobs {
				jobs[i] = uint64(i + 1)
				want[jobs[i]] = CollatzSteps(jobs[i])
			}
			if got := Pool(jobs, tc.workers); !maps.Equal(got, want) {
				t.Errorf("Pool(%d jobs, %d workers) = %v, want %v", tc.count, tc.workers, got, want)
			}
		})
	}
}
