package bn254

import (
	"testing"

	"github.com/mpinkit/mpinkit/pairing/pairingtest"
)

func TestSuiteLaws(t *testing.T) { pairingtest.Run(t, Suite()) }
