package shimserver

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/mpinkit/mpinkit/conformance/iut"
)

// maxLine is the longest request line accepted (spec/shim.md 3.1).
const maxLine = 1 << 20

// ErrFatal is returned by Serve after it wrote a fatal line.
var ErrFatal = errors.New("shimserver: fatal protocol error")

// handler decodes a request body, calls the IUT and returns the result
// (nil for operations without result fields).
type handler func(ctx context.Context, impl iut.IUT, body []byte) (any, error)

// op returns a handler for a method expression of iut.IUT.
func op[Req, Res any](call func(iut.IUT, context.Context, *Req) (*Res, error)) handler {
	return func(ctx context.Context, impl iut.IUT, body []byte) (any, error) {
		req := new(Req)
		if err := decode(body, req); err != nil {
			return nil, err
		}
		return call(impl, ctx, req)
	}
}

var handlers = map[string]handler{
	iut.OpValidate:            op(iut.IUT.Validate),
	iut.OpHashID:              op(iut.IUT.HashID),
	iut.OpPermitPoint:         op(iut.IUT.PermitPoint),
	iut.OpPair:                op(iut.IUT.Pair),
	iut.OpMasterShare:         op(iut.IUT.MasterShare),
	iut.OpServerSecretShare:   op(iut.IUT.ServerSecretShare),
	iut.OpClientSecretShare:   op(iut.IUT.ClientSecretShare),
	iut.OpTimePermitShare:     op(iut.IUT.TimePermitShare),
	iut.OpRecombineG1:         op(iut.IUT.RecombineG1),
	iut.OpRecombineG2:         op(iut.IUT.RecombineG2),
	iut.OpExtractPIN:          op(iut.IUT.ExtractPIN),
	iut.OpRestorePIN:          op(iut.IUT.RestorePIN),
	iut.OpExtractFactor:       op(iut.IUT.ExtractFactor),
	iut.OpRestoreFactor:       op(iut.IUT.RestoreFactor),
	iut.OpClientPass1:         op(iut.IUT.ClientPass1),
	iut.OpClientPass2:         op(iut.IUT.ClientPass2),
	iut.OpClientOnePass:       op(iut.IUT.ClientOnePass),
	iut.OpServerVerifyOnePass: op(iut.IUT.ServerVerifyOnePass),
	iut.OpWrongPINValues:      op(iut.IUT.WrongPINValues),
	iut.OpWrongPINAnalysis:    op(iut.IUT.WrongPINAnalysis),
	iut.OpFullPrecompute:      op(iut.IUT.FullPrecompute),
	iut.OpFullClientEphemeral: op(iut.IUT.FullClientEphemeral),
	iut.OpFullServerEphemeral: op(iut.IUT.FullServerEphemeral),
	iut.OpFullHash:            op(iut.IUT.FullHash),
	iut.OpFullClientKey:       op(iut.IUT.FullClientKey),
	iut.OpFullServerKey:       op(iut.IUT.FullServerKey),
	iut.OpClientNew:           op(iut.IUT.ClientNew),
	iut.OpClientStart:         op(iut.IUT.ClientStart),
	iut.OpClientRespond:       op(iut.IUT.ClientRespond),
	iut.OpServerNew:           op(iut.IUT.ServerNew),
	iut.OpServerChallenge:     op(iut.IUT.ServerChallenge),
	iut.OpServerFinish:        op(iut.IUT.ServerFinish),
	iut.OpServerOnePass:       op(iut.IUT.ServerOnePass),
	iut.OpServerVerify: func(ctx context.Context, impl iut.IUT, body []byte) (any, error) {
		req := new(iut.ServerVerifyRequest)
		if err := decode(body, req); err != nil {
			return nil, err
		}
		return nil, impl.ServerVerify(ctx, req)
	},
	iut.OpClose: func(ctx context.Context, impl iut.IUT, body []byte) (any, error) {
		req := new(iut.CloseRequest)
		if err := decode(body, req); err != nil {
			return nil, err
		}
		return nil, impl.CloseHandle(ctx, req)
	},
	iut.OpReset: func(ctx context.Context, impl iut.IUT, _ []byte) (any, error) {
		return nil, impl.Reset(ctx)
	},
}

// decode unmarshals a request body into req after checking that every
// required field (one whose JSON tag has neither omitempty nor omitzero)
// is present.
func decode(body []byte, req any) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return iut.Errorf(iut.BadRequest, "request is not an object: %v", err)
	}
	t := reflect.TypeOf(req).Elem()
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero") {
			continue
		}
		if raw, ok := fields[name]; !ok || string(raw) == "null" {
			return iut.Errorf(iut.BadRequest, "missing required field %q", name)
		}
	}
	if err := json.Unmarshal(body, req); err != nil {
		return iut.Errorf(iut.BadRequest, "%v", err)
	}
	return nil
}

// Options configure Serve.
type Options struct {
	// Log receives one line per request (operation and outcome, never
	// values); nil discards it.
	Log io.Writer
	// Name prefixes log lines; default "mpin shim".
	Name string
}

// Serve answers requests read from in on out until shutdown, end of input
// or a fatal error. It returns nil after shutdown or end of input, and an
// error wrapping ErrFatal after a fatal line.
func Serve(ctx context.Context, in io.Reader, out io.Writer, impl iut.IUT, opts Options) error {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	name := opts.Name
	if name == "" {
		name = "mpin shim"
	}
	w := bufio.NewWriter(out)
	send := func(line []byte) error {
		if _, err := w.Write(append(line, '\n')); err != nil {
			return err
		}
		return w.Flush()
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), maxLine+1)
	for sc.Scan() {
		line := sc.Bytes()
		var head struct {
			ID json.RawMessage `json:"id"`
			Op json.RawMessage `json:"op"`
		}
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(line, &probe); err != nil || probe == nil {
			_ = send(fatalLine(nil, "request is not a JSON object"))
			return fmt.Errorf("%w: request is not a JSON object", ErrFatal)
		}
		_ = json.Unmarshal(line, &head)
		id, err := strconv.ParseInt(string(head.ID), 10, 64)
		if err != nil || id < 0 {
			_ = send(fatalLine(nil, "request id is not a non-negative integer"))
			return fmt.Errorf("%w: bad request id %s", ErrFatal, head.ID)
		}
		var opName string
		if err := json.Unmarshal(head.Op, &opName); err != nil || opName == "" {
			_ = send(errorLine(id, iut.Errorf(iut.BadRequest, "op is missing or not a string")))
			continue
		}
		res, err := dispatch(ctx, impl, opName, line)
		var resp []byte
		var unimpl *iut.UnimplementedError
		switch {
		case errors.As(err, &unimpl):
			resp = unimplementedLine(id, unimpl.Detail)
			fmt.Fprintf(logw, "%s: #%d %s: unimplemented\n", name, id, opName)
		case err != nil:
			resp = errorLine(id, err)
			fmt.Fprintf(logw, "%s: #%d %s: %s\n", name, id, opName, iut.ErrorName(asError(err)))
		default:
			if resp, err = resultLine(id, res); err != nil {
				resp = errorLine(id, iut.Errorf(iut.Internal, "encoding the result: %v", err))
			}
			fmt.Fprintf(logw, "%s: #%d %s: ok\n", name, id, opName)
		}
		if err := send(resp); err != nil {
			return fmt.Errorf("shimserver: writing a response: %w", err)
		}
		if opName == iut.OpShutdown {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		_ = send(fatalLine(nil, "reading requests: "+err.Error()))
		return fmt.Errorf("%w: %v", ErrFatal, err)
	}
	return nil
}

// dispatch runs one request.
func dispatch(ctx context.Context, impl iut.IUT, opName string, line []byte) (any, error) {
	switch opName {
	case iut.OpCapabilities:
		var req iut.CapabilitiesRequest
		if err := json.Unmarshal(line, &req); err != nil {
			return nil, iut.Errorf(iut.BadRequest, "%v", err)
		}
		if req.Shim != iut.Protocol {
			return nil, iut.Errorf(iut.Unsupported, "the harness speaks %q, this shim %q", req.Shim, iut.Protocol)
		}
		return impl.Capabilities(ctx)
	case iut.OpShutdown:
		return nil, impl.Close(ctx)
	}
	h, ok := handlers[opName]
	if !ok {
		return nil, &iut.UnimplementedError{Op: opName, Detail: "unknown operation"}
	}
	return h(ctx, impl, line)
}

// asError turns any error into an *iut.Error: rejections keep their
// name, anything else becomes INTERNAL.
func asError(err error) *iut.Error {
	var e *iut.Error
	if errors.As(err, &e) {
		return e
	}
	return iut.Errorf(iut.Internal, "%v", err)
}

func errorLine(id int64, err error) []byte {
	e := asError(err)
	m := map[string]any{"id": id, "ok": false, "error": e.Name}
	if e.Detail != "" {
		m["detail"] = e.Detail
	}
	if e.Delta != nil {
		m["delta"] = *e.Delta
	}
	b, _ := json.Marshal(m)
	return b
}

func unimplementedLine(id int64, detail string) []byte {
	m := map[string]any{"id": id, "unimplemented": true}
	if detail != "" {
		m["detail"] = detail
	}
	b, _ := json.Marshal(m)
	return b
}

func fatalLine(id *int64, detail string) []byte {
	m := map[string]any{"id": id, "fatal": true, "detail": detail}
	b, _ := json.Marshal(m)
	return b
}

// resultLine writes {"id":N,"ok":true, ...fields of res}.
func resultLine(id int64, res any) ([]byte, error) {
	head := `{"id":` + strconv.FormatInt(id, 10) + `,"ok":true`
	if res == nil || (reflect.ValueOf(res).Kind() == reflect.Pointer && reflect.ValueOf(res).IsNil()) {
		return []byte(head + "}"), nil
	}
	body, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	if len(body) <= 2 {
		return []byte(head + "}"), nil
	}
	return append([]byte(head+","), body[1:]...), nil
}
