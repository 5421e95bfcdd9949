-- The notes table, shared by both twins: sqlx applies this file through
-- `sqlx::migrate!`, the Go twin through its embedded migrator.
CREATE TABLE notes (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT    NOT NULL,
    body  TEXT    NOT NULL
);
