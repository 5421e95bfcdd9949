package testmodel

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

func TestSettingsFromTheLookup(t *testing.T) {
	cases := []struct {
		name    string
		vars    map[string]string
		want    Settings
		wantErr string
	}{
		{"unset", nil, Settings{Port: 8080}, ""},
		{"set", map[string]string{"PORT": "9000"}, Settings{Port: 9000}, ""},
		{"not a port", map[string]string{"PORT": "http"}, Settings{},
			`PORT=http: strconv.ParseUint: parsing "http": invalid syntax`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SettingsFrom(func(key string) (string, bool) {
				v, ok := tc.vars[key]
				return v, ok
			})
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if errText(err) != tc.wantErr {
				t.Errorf("error %q, want %q", errText(err), tc.wantErr)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// ANCHOR: setenv
// Tests of one package run one at a time unless they call t.Parallel, so
// a test may change the environment; t.Setenv restores it afterwards.
func TestSettingsFromTheEnvironment(t *testing.T) {
	t.Setenv("PORT", "9000")
	got, err := SettingsFrom(os.LookupEnv)
	if err != nil || got.Port != 9000 {
		t.Errorf("got %+v, %v; want port 9000", got, err)
	}
}

// A parallel test may not: t.Setenv panics.
func TestSetenvRefusesAParallelTest(t *testing.T) {
	t.Run("parallel", func(t *testing.T) {
		t.Parallel()
		defer func() {
			if recover() == nil {
				t.Error("t.Setenv in a parallel test did not panic")
			}
		}()
		t.Setenv("PORT", "9000")
	})
}

// ANCHOR_END: setenv

// ANCHOR: files
func TestEachTestWritesInADirectoryOfItsOwn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.toml")
	if err := os.WriteFile(path, []byte("port = 9000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "port = 9000\n" {
		t.Errorf("read %q, %v", got, err)
	}
	// The directory is removed when the test ends.
}

// ANCHOR_END: files

// ANCHOR: fake
// fakeMailer records what would have been sent.
type fakeMailer struct{ to []string }

func (f *fakeMailer) Send(to, body string) { f.to = append(f.to, to) }

// ANCHOR_END: fake

// ANCHOR: synctest
func TestTheReminderGoesOutAfterAnHourOfFakeTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var m fakeMailer
		started := time.Now()
		RemindLater(&m, []string{"ana", "bo"}, time.Hour)
		if elapsed := time.Since(started); elapsed != time.Hour {
			t.Errorf("elapsed %v, want 1h", elapsed)
		}
		if want := []string{"ana", "bo"}; !slices.Equal(m.to, want) {
			t.Errorf("sent to %v, want %v", m.to, want)
		}
	})
}

// ANCHOR_END: synctest
