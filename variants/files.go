package variants

import "path/filepath"

// SpotFile is where the base spot id is kept under the data dir. Spots are
// immutable, so the id alone names the content.
func SpotFile(dataDir, id string) string { return filepath.Join(dataDir, "spots", id) }

// ImageFile is where the uploaded image id (an end card) is kept.
func ImageFile(dataDir, id string) string { return filepath.Join(dataDir, "images", id) }
