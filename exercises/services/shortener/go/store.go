// The links table: open the database, create a link under a fresh code,
// follow one (counting the hit), and read one back.

package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	// The cgo SQLite driver registers itself as "sqlite3".
	_ "github.com/mattn/go-sqlite3"
)

// ANCHOR: store
// Link is a short code, the URL it stands for, and how often it was
// followed.
type Link struct {
	Code string `json:"code"`
	URL  string `json:"url"`
	Hits int64  `json:"hits"`
}

const schema = `CREATE TABLE IF NOT EXISTS links (
	code TEXT PRIMARY KEY,
	url  TEXT NOT NULL,
	hits INTEGER NOT NULL DEFAULT 0
)`

// Store is the links table; safe for concurrent use, as *sql.DB is a pool.
type Store struct {
	db *sql.DB
}

// OpenStore opens (creating if needed) the SQLite file at path.
func OpenStore(path string) (*Store, error) {
	// A writer waits this long for another writer's lock before SQLite
	// reports "database is locked".
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("creating the schema in %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// ANCHOR_END: store

// ANCHOR: queries
// errNotFound reports that no link has the code asked for.
var errNotFound = errors.New("no such link")

// Create stores url under a new random code: ten hex digits that SQLite
// draws, drawn again in the unlikely case that the code is taken.
func (s *Store) Create(ctx context.Context, url string) (Link, error) {
	for range 3 {
		var code string
		err := s.db.QueryRowContext(ctx,
			`INSERT INTO links (code, url) VALUES (lower(hex(randomblob(5))), ?)
			 ON CONFLICT DO NOTHING RETURNING code`, url,
		).Scan(&code)
		if errors.Is(err, sql.ErrNoRows) {
			continue // the code was taken
		}
		return Link{Code: code, URL: url}, err
	}
	return Link{}, errors.New("no free code after 3 draws")
}

// Follow counts a hit on the link and returns its URL, or errNotFound.
func (s *Store) Follow(ctx context.Context, code string) (string, error) {
	var url string
	err := s.db.QueryRowContext(ctx,
		`UPDATE links SET hits = hits + 1 WHERE code = ? RETURNING url`, code,
	).Scan(&url)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errNotFound
	}
	return url, err
}

// Get returns the link, or errNotFound.
func (s *Store) Get(ctx context.Context, code string) (Link, error) {
	var link Link
	err := s.db.QueryRowContext(ctx,
		`SELECT code, url, hits FROM links WHERE code = ?`, code,
	).Scan(&link.Code, &link.URL, &link.Hits)
	if errors.Is(err, sql.ErrNoRows) {
		return Link{}, errNotFound
	}
	return link, err
}

// ANCHOR_END: queries

// Close waits for the connections to be released and closes them.
func (s *Store) Close() error {
	return s.db.Close()
}
