"""Writing tasks as plain functions over a loaded model: testable without Qt."""
