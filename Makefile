# adstitch — see README.md. `make run` starts the demo; `make test` runs everything.
GO        ?= go
BIN       := bin/adstitch
PKGS      := ./...
APT_PKGS  := ffmpeg chromium wrk espeak-ng fonts-dejavu-core libxml2-utils redis-server
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: build run test bench lint deps web-deps fuzz clean

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/adstitch

run: deps build
	./$(BIN) serve

# Player tests must not skip here: a missing browser fails the run.
test: deps web-deps
	ADSTITCH_REQUIRE_PLAYER=1 ADSTITCH_REQUIRE_REDIS=1 $(GO) test -race -timeout 25m $(PKGS)

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./manifest/ ./adserver/...
	$(GO) run ./cmd/loadbench
	$(GO) run ./cmd/eventbench -load wrk

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# Short fuzzing of every parser (the seed corpora run in `make test`).
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzStitch -fuzztime 30s ./manifest/
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./manifest/scte35/
	$(GO) test -run '^$$' -fuzz FuzzOpen -fuzztime 30s ./adserver/session/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./configs/

# System packages: installed only when a tool is missing.
deps:
	@missing=""; \
	for t in ffmpeg ffprobe chromium wrk espeak-ng xmllint redis-server; do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts"; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages (missing:$$missing)"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PKGS) >/dev/null; \
	fi

web-deps:
	@[ -d web/node_modules ] || npm ci --prefix web --no-audit --no-fund

clean:
	rm -rf bin
