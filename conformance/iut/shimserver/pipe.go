package shimserver

import (
	"context"
	"os"

	"github.com/mpinkit/mpinkit/conformance/iut"
	"github.com/mpinkit/mpinkit/conformance/iut/shim"
)

// Launcher returns a shim.LaunchFunc that serves a fresh IUT from
// newIUT in the calling process, over os.Pipe pairs, as if it were a
// subprocess: the shim adapter's framing, timeouts and restarts all apply,
// without the cost of starting a program. Signals close the pipes.
func Launcher(newIUT func() iut.IUT, opts Options) shim.LaunchFunc {
	return func(ctx context.Context) (*shim.Process, error) {
		inR, inW, err := os.Pipe()
		if err != nil {
			return nil, err
		}
		outR, outW, err := os.Pipe()
		if err != nil {
			inR.Close()
			inW.Close()
			return nil, err
		}
		errR, errW, err := os.Pipe()
		if err != nil {
			inR.Close()
			inW.Close()
			outR.Close()
			outW.Close()
			return nil, err
		}
		o := opts
		o.Log = errW
		done := make(chan error, 1)
		go func() {
			err := Serve(context.Background(), inR, outW, newIUT(), o)
			outW.Close()
			errW.Close()
			inR.Close()
			done <- err
		}()
		var exit error
		waited := false
		return &shim.Process{
			Stdin:  inW,
			Stdout: outR,
			Stderr: errR,
			Wait: func() error {
				if !waited {
					exit = <-done
					waited = true
					outR.Close()
					errR.Close()
				}
				return exit
			},
			Signal: func(bool) {
				inW.Close()
				inR.Close()
			},
			Describe: "in-process shim server",
		}, nil
	}
}
