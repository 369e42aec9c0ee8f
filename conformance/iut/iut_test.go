package iut

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestHexJSON(t *testing.T) {
	type msg struct {
		A Hex `json:"a"`
		B Hex `json:"b,omitzero"`
	}
	b, err := json.Marshal(msg{A: Hex{0xab, 0x01}, B: Hex{}})
	if err != nil || string(b) != `{"a":"ab01","b":""}` {
		t.Errorf("marshal: %s %v", b, err)
	}
	if b, _ := json.Marshal(msg{}); string(b) != `{"a":""}` {
		t.Errorf("absent optional: %s", b)
	}
	var m msg
	if err := json.Unmarshal([]byte(`{"a":"00ff","b":null}`), &m); err != nil || len(m.A) != 2 || m.B != nil {
		t.Errorf("unmarshal: %+v %v", m, err)
	}
	for _, bad := range []string{`{"a":"0"}`, `{"a":"0G"}`, `{"a":"AB"}`, `{"a":12}`} {
		var m msg
		if err := json.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestClaims(t *testing.T) {
	server := &SuiteClaim{Roles: []string{RoleServer}, Modes: []string{ModeTwoPass}, WrongPIN: true}
	cases := []struct {
		op   string
		want bool
	}{
		{OpServerVerify, true}, {OpWrongPINAnalysis, true}, {OpClientPass1, false}, {OpServerOnePass, false},
		{OpValidate, false}, {OpReset, true}, {OpHashID, true}, {OpFullHash, false},
	}
	for _, c := range cases {
		if got := IsCore(c.op, server); got != c.want {
			t.Errorf("IsCore(%s) = %v", c.op, got)
		}
	}
	caps := &Capabilities{Suites: []SuiteClaim{{Suite: Suites[0]}}, Ops: []string{OpHashID}}
	if caps.Claim(Suites[0]) == nil || caps.Claim(Suites[1]) != nil || !caps.Implements(OpHashID) || caps.Implements(OpPair) {
		t.Error("Claim or Implements")
	}
	if ErrorName(Errorf(BadPIN, "x")) != BadPIN || ErrorName(nil) != "OK" || ErrorName(errors.New("x")) != "" {
		t.Error("ErrorName")
	}
	if !IsCanonical(Locked) || IsCanonical(BadRequest) || !IsProtocolName(Internal) {
		t.Error("names")
	}
}
