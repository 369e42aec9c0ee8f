# mpinkit make targets. `make help` lists them.

GO       ?= go
FUZZTIME ?= 20s
# Interleaved rounds per benchmark for `make bench`; the summary reports
# medians over the rounds.
BENCHROUNDS ?= 7
BENCHTIME   ?= 1s

SHELL := bash
.SHELLFLAGS := -euo pipefail -c

# The exact benchmark command, run from bench/; quoted in bench/summary.md.
BENCHCMD = $(GO) test -run 'Agree' -bench . -benchtime=$(BENCHTIME) -timeout 60m . -rounds=$(BENCHROUNDS)

.PHONY: help
help:
	@echo "make demo      run the demo: a pairing on each curve, bilinearity checked, timings"
	@echo "make test      gofmt check, go vet, all tests (what CI runs)"
	@echo "make bench     ours vs circl vs gnark-crypto; writes bench/bls12381.txt and bench/summary.md"
	@echo "make ct        dudect-style timing tests of the constant-time code (slow)"
	@echo "make cross     pairing tests (short) under qemu-user for arm64 and ARMv7"
	@echo "make vectors   regenerate the published vectors in vectors/ (byte-identical)"
	@echo "make vectors-check  fail if a committed vector file differs from what the generator writes"
	@echo "make conformance  the Gherkin suite against our reference as a shim; reports in out/conformance"
	@echo "make load      200 concurrent clients against the interop server; writes bench/load.md"
	@echo "make fuzz-seed grow the committed fuzz seed corpora (testdata/fuzz) from short fuzz runs"
	@echo "make fuzz      every fuzz target for FUZZTIME each (now $(FUZZTIME))"
	@echo "make fmt       gofmt -w the whole tree"
	@echo "make tidy      go mod tidy in the root and bench modules"

.PHONY: demo
demo:
	$(GO) run ./tools/mpin demo

.PHONY: test
test: fmt-check
	scripts/gencheck.sh
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	cd bench && $(GO) vet ./... && $(GO) test -count=1 ./...

.PHONY: fmt-check
fmt-check:
	@out="$$(gofmt -l .)"; \
	if [ -n "$$out" ]; then echo "gofmt: these files need formatting:"; echo "$$out"; exit 1; fi

.PHONY: fmt
fmt:
	gofmt -w .

.PHONY: tidy
tidy:
	$(GO) mod tidy
	cd bench && $(GO) mod tidy

.PHONY: bench
bench:
	cd bench; \
	load0="$$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"; \
	$(BENCHCMD) > bls12381.txt.tmp || { cat bls12381.txt.tmp; rm -f bls12381.txt.tmp; exit 1; }; \
	load1="$$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"; \
	mv bls12381.txt.tmp bls12381.txt; \
	$(GO) run ./cmd/summarize -cmd "$(BENCHCMD)" \
		-note "load average (1/5/15 min) $$load0 before the run, $$load1 after, on $$(nproc) CPUs" \
		-o summary.md bls12381.txt
	cat bench/summary.md

.PHONY: ct
ct:
	$(GO) test -tags ct -count=1 -v -timeout 60m ./ct/...

.PHONY: cross
cross:
	GO=$(GO) scripts/cross.sh ./pairing/... ./reference/...

.PHONY: fuzz
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) scripts/fuzz.sh ./...

.PHONY: vectors
vectors:
	$(GO) run ./tools/mpin vectors gen

.PHONY: vectors-check
vectors-check:
	$(GO) run ./tools/mpin vectors check

test: vectors-check

# A bounded load run of the interop server on loopback (not part of make
# test): 200 concurrent clients, M-Pin Full logins with TLS-PSK channels;
# writes bench/load.md. bench/load is a module of its own.
.PHONY: load
load:
	cd bench/load && $(GO) run . -clients 200 -logins 5 -out ../load.md

# The conformance suite (features/, conformance/) against our reference
# started as a shim, through the same adapter protocol (spec/shim.md) an
# outside implementation speaks; writes JUnit XML, cucumber JSON and the
# traceability report into out/conformance. The binary is built once so
# that every shim restart is a plain exec.
.PHONY: conformance
conformance:
	$(GO) build -o bin/mpin ./tools/mpin
	bin/mpin conformance run --shim "bin/mpin shim" --out out/conformance

.PHONY: fuzz-seed
fuzz-seed:
	GO=$(GO) scripts/fuzz-seed.sh ./pairing/... ./reference/... ./interop/...
