// The notes table behind the API: open the database, apply the embedded
// migrations, and the three queries the service needs.

package main

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	// The cgo SQLite driver registers itself as "sqlite3".
	_ "github.com/mattn/go-sqlite3"
)

// The same SQL files that sqlx applies for the Rust twin.
//
//go:embed migrations/*.sql
var migrations embed.FS

// ANCHOR: store
// Store is the notes table behind the API; safe for concurrent use,
// because *sql.DB is a pool.
type Store struct {
	db *sql.DB
}

// OpenStore opens (creating if needed) the SQLite file at path and brings
// its schema up to date.
func OpenStore(path string) (*Store, error) {
	// A writer waits this long for another writer's lock before SQLite
	// reports "database is locked".
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if err := migrate(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrating %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// ANCHOR_END: store

// migrate applies, in name order, each embedded migration that has not run
// yet, recording its number in schema_migrations.
func migrate(db *sql.DB) error {
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		prefix, _, _ := strings.Cut(strings.TrimPrefix(name, "migrations/"), "_")
		version, err := strconv.Atoi(prefix)
		if err != nil {
			return fmt.Errorf("migration %s: the name must start with a number", name)
		}
		var applied bool
		err = db.QueryRow(`SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, version).Scan(&applied)
		if err != nil {
			return err
		}
		if applied {
			continue
		}
		script, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(string(script)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.Exec(`INSERT INTO schema_migrations (version) VALUES (?)`, version); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// ANCHOR: queries
// Create stores a validated note and returns it with its new id.
func (s *Store) Create(ctx context.Context, n NewNote) (Note, error) {
	note := Note{Title: n.Title, Body: n.Body}
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO notes (title, body) VALUES (?, ?) RETURNING id`,
		n.Title, n.Body,
	).Scan(&note.ID)
	return note, err
}

// errNotFound reports that no note has the id asked for.
var errNotFound = errors.New("not found")

// Get returns the note with the given id, or errNotFound.
func (s *Store) Get(ctx context.Context, id int64) (Note, error) {
	var note Note
	err := s.db.QueryRowContext(ctx,
		`SELECT id, title, body FROM notes WHERE id = ?`, id,
	).Scan(&note.ID, &note.Title, &note.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return Note{}, errNotFound
	}
	return note, err
}

// List returns up to limit notes with an id above after, oldest first:
// keyset pagination, which stays correct while notes are being added.
func (s *Store) List(ctx context.Context, after, limit int64) ([]Note, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, title, body FROM notes WHERE id > ? ORDER BY id LIMIT ?`,
		after, limit,
	)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	notes := []Note{}
	for rows.Next() {
		var note Note
		if err := rows.Scan(&note.ID, &note.Title, &note.Body); err != nil {
			return nil, err
		}
		notes = append(notes, note)
	}
	return notes, rows.Err()
}

// ANCHOR_END: queries

// Close waits for the connections to be released and closes them.
func (s *Store) Close() error {
	return s.db.Close()
}
