package selectdepth

// Settings is what the loader produces.
type Settings struct{ Limit int }

// Done is a job handled, with the limit that was in force.
type Done struct{ Job, Limit int }

// ANCHOR: serve
// Serve handles jobs until the queue closes, noting for each the limit in
// force: 0 until the settings have arrived. The loader may close loaded
// after sending, and a closed channel is ready on every round, so the case
// is switched off after its one value.
func Serve(jobs <-chan int, loaded <-chan Settings) []Done {
	var settings Settings
	var done []Done
	for {
		select {
		case settings = <-loaded:
			loaded = nil
		case job, ok := <-jobs:
			if !ok {
				return done
			}
			done = append(done, Done{job, settings.Limit})
		}
	}
}

// ANCHOR_END: serve
