package conformance

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/shim"
)

// mpinBinary is the mpin command built once for the tests that start the
// reference as a real subprocess shim; buildErr says why it is missing.
var (
	mpinBinary string
	buildErr   error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mpin-conformance-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mpinBinary, buildErr = buildMpin(dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildMpin builds ./tools/mpin into dir with the go command that runs
// the tests.
func buildMpin(dir string) (string, error) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			return "", fmt.Errorf("no go command to build mpin: %w", err)
		}
	}
	bin := filepath.Join(dir, "mpin")
	cmd := exec.Command(goTool, "build", "-o", bin, "github.com/mpinkit/mpinkit/tools/mpin")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./tools/mpin: %v\n%s", err, out)
	}
	return bin, nil
}

// startShim starts `mpin shim ARGS` as a subprocess adapter.
func startShim(t *testing.T, args ...string) *shim.Adapter {
	t.Helper()
	if buildErr != nil {
		t.Fatalf("the mpin binary could not be built: %v", buildErr)
	}
	a, err := shim.Start(context.Background(), shim.Options{Launch: shim.Command(append([]string{mpinBinary, "shim"}, args...), nil)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := a.Close(context.Background()); err != nil {
			t.Errorf("closing the shim: %v", err)
		}
	})
	return a
}

// testSuites are the suites the long tests run: all four, or in -short
// mode one suite of each curve and each family.
func testSuites() []string {
	if testing.Short() {
		return []string{"MPIN-BN254CX-SHA256-MILAGRO", "MPIN-BLS12381-SHA256-MODERN"}
	}
	return iut.Suites
}
