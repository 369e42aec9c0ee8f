package shimserver

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mpinkit/mpinkit/conformance/iut/inproc"
)

// serve runs a request script through Serve and returns the response
// lines and Serve's error.
func serve(t *testing.T, script string) ([]string, error) {
	t.Helper()
	var out strings.Builder
	err := Serve(context.Background(), strings.NewReader(script), &out, inproc.New(inproc.Options{}), Options{})
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	sc.Buffer(nil, 1<<21)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, err
}

func jsonLine(t *testing.T, line string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatalf("response %q: %v", line, err)
	}
	return m
}

func TestMalformedRequests(t *testing.T) {
	const suite = `"suite":"MPIN-BN254CX-SHA256-MILAGRO"`
	tests := []struct {
		req, want string
	}{
		{`{"id":1,"op":"server_secret_share",` + suite + `}`, "BAD_REQUEST"},                                       // missing share
		{`{"id":2,"op":"server_secret_share",` + suite + `,"share":"abc"}`, "BAD_REQUEST"},                         // odd length
		{`{"id":3,"op":"server_secret_share",` + suite + `,"share":"AB"}`, "BAD_REQUEST"},                          // uppercase
		{`{"id":4,"op":"server_secret_share",` + suite + `,"share":12}`, "BAD_REQUEST"},                            // wrong type
		{`{"id":5,"op":"extract_pin",` + suite + `,"identity":"61","secret":"04","pin":1.5}`, "BAD_REQUEST"},       // fraction
		{`{"id":6,"op":"server_secret_share",` + suite + `,"share":"00"}`, "NON_CANONICAL"},                        // a value
		{`{"id":7,"op":"server_secret_share",` + suite + `,"share":"","extra":true}`, "NON_CANONICAL"},             // unknown field ignored
		{`{"id":8,"op":"hash_id","suite":"MPIN-NONE","identity":"61"}`, "UNSUPPORTED"},                             // suite
		{`{"id":9,"op":"close","handle":"c99"}`, "BAD_REQUEST"},                                                    // unknown handle
		{`{"id":10,"op":"client_respond","session":"c1/7","y":"01"}`, "REPLAY"},                                    // unknown session
		{`{"id":11,"op":"capabilities","shim":"mpin-shim/2","harness":{"name":"x","version":"1"}}`, "UNSUPPORTED"}, // version
		{`{"id":12}`, "BAD_REQUEST"}, // no op
	}
	var script strings.Builder
	for _, tc := range tests {
		script.WriteString(tc.req + "\n")
	}
	lines, err := serve(t, script.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(tests) {
		t.Fatalf("%d responses to %d requests", len(lines), len(tests))
	}
	for i, tc := range tests {
		m := jsonLine(t, lines[i])
		if m["id"] != float64(i+1) || m["ok"] != false || m["error"] != tc.want {
			t.Errorf("%s\n  -> %s, want error %s", tc.req, lines[i], tc.want)
		}
	}
}

func TestUnknownOperationIsUnimplemented(t *testing.T) {
	lines, err := serve(t, `{"id":0,"op":"teleport"}`+"\n")
	if err != nil || len(lines) != 1 {
		t.Fatalf("%v %q", err, lines)
	}
	if m := jsonLine(t, lines[0]); m["unimplemented"] != true || m["id"] != float64(0) {
		t.Errorf("%s", lines[0])
	}
}

func TestFatal(t *testing.T) {
	for _, script := range []string{"not json\n", "[1,2]\n", `{"id":-1,"op":"reset"}` + "\n", `{"id":"x","op":"reset"}` + "\n"} {
		lines, err := serve(t, `{"id":0,"op":"reset"}`+"\n"+script+`{"id":9,"op":"reset"}`+"\n")
		if !errors.Is(err, ErrFatal) {
			t.Errorf("%q: err = %v", script, err)
		}
		if len(lines) != 2 {
			t.Fatalf("%q: responses %q", script, lines)
		}
		if m := jsonLine(t, lines[1]); m["fatal"] != true || m["id"] != nil {
			t.Errorf("%q: fatal line %s", script, lines[1])
		}
	}
}

func TestShutdownStopsServing(t *testing.T) {
	lines, err := serve(t, `{"id":0,"op":"shutdown"}`+"\n"+`{"id":1,"op":"reset"}`+"\n")
	if err != nil || len(lines) != 1 || jsonLine(t, lines[0])["ok"] != true {
		t.Errorf("%v %q", err, lines)
	}
	lines, err = serve(t, "")
	if err != nil || len(lines) != 0 {
		t.Errorf("end of input: %v %q", err, lines)
	}
}

// TestSpecExample replays the complete exchange of spec/shim.md section 12
// and compares every response field of the example with ours, except
// free text, the implementation and its claim, and the one operation the
// example's shim leaves unimplemented (validate: ours implements it).
// The example's server draws the challenge of request 30; the replay
// supplies the value shown, as the protocol allows.
func TestSpecExample(t *testing.T) {
	b, err := os.ReadFile("../../../spec/shim.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- example:begin -->\n```text\n(.*?)```\n<!-- example:end -->").FindSubmatch(b)
	if m == nil {
		t.Fatal("no example in spec/shim.md")
	}
	var reqs, resps []string
	for _, line := range strings.Split(string(m[1]), "\n") {
		switch {
		case strings.HasPrefix(line, "> "):
			reqs = append(reqs, line[2:])
		case strings.HasPrefix(line, "< "):
			resps = append(resps, line[2:])
		}
	}
	if len(reqs) != len(resps) || len(reqs) < 30 {
		t.Fatalf("%d requests, %d responses", len(reqs), len(resps))
	}
	for i, r := range reqs {
		req := jsonLine(t, r)
		if req["op"] == "server_challenge" && req["y"] == nil {
			want := jsonLine(t, resps[i])
			req["y"] = want["y"]
			nb, _ := json.Marshal(req)
			reqs[i] = string(nb)
		}
	}
	got, err := serve(t, strings.Join(reqs, "\n")+"\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(resps) {
		t.Fatalf("%d responses, the example has %d", len(got), len(resps))
	}
	for i := range resps {
		want, have := jsonLine(t, resps[i]), jsonLine(t, got[i])
		op := jsonLine(t, reqs[i])["op"]
		if op == "capabilities" || op == "validate" {
			continue
		}
		for k, v := range want {
			if k == "detail" {
				continue
			}
			hv, _ := json.Marshal(have[k])
			wv, _ := json.Marshal(v)
			if string(hv) != string(wv) {
				t.Errorf("request %d (%s): %s = %s, the example shows %s", i, op, k, hv, wv)
			}
		}
	}
}
