package vectors

import (
	"embed"
	"io/fs"
	"sort"
)

// files is the copy of the vector files made when the package was built.
// The package needs at least one .json file in its directory to build;
// `git checkout vectors/` restores them if they were all removed.
//
//go:embed *.json
var files embed.FS

// Files returns the vector files embedded in the package at build time, as
// a file system whose root holds the .json files.
func Files() fs.FS { return files }

// LoadAll loads and checks every embedded vector file, in name order.
func LoadAll() ([]*File, error) {
	names, err := fs.Glob(files, "*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]*File, 0, len(names))
	for _, n := range names {
		f, err := LoadFS(files, n)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
